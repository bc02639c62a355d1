//! GB18030 input. crossterm reads UTF-8 only: GBK bytes typed on a Chinese
//! Windows terminal were dropped, and took the next letter with them. On
//! such a terminal the app reads its keys through a pseudo-terminal of its
//! own: a thread reads the real terminal's bytes, decodes them (a character
//! cut between two reads is kept for the next), and writes UTF-8 where
//! crossterm reads (standard input becomes the pty's other end). ASCII,
//! and so every key sequence, passes unchanged. Sizes are still read from
//! the real terminal (`/dev/tty`), frames still written to it.

use std::io;
use std::os::fd::RawFd;
use std::sync::OnceLock;

/// The real terminal (a copy of standard input) and its settings before
/// raw mode, to put back at the end.
static REAL: OnceLock<(RawFd, libc::termios)> = OnceLock::new();

fn check(r: libc::c_int) -> io::Result<libc::c_int> {
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(r) }
}

/// Puts the relay between the terminal and crossterm.
pub fn start() -> io::Result<()> {
    // SAFETY: plain POSIX calls on descriptors this function owns; every
    // pointer passed points to a live local of the right type.
    unsafe {
        let real = check(libc::dup(libc::STDIN_FILENO))?;
        let mut size: libc::winsize = std::mem::zeroed();
        libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size);
        let (mut master, mut slave) = (0, 0);
        check(libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size))?;
        let mut saved: libc::termios = std::mem::zeroed();
        check(libc::tcgetattr(real, &mut saved))?;
        let mut raw = saved;
        libc::cfmakeraw(&mut raw);
        check(libc::tcsetattr(real, libc::TCSANOW, &raw))?;
        let _ = REAL.set((real, saved));
        check(libc::dup2(slave, libc::STDIN_FILENO))?;
        libc::close(slave);
        std::thread::spawn(move || relay(real, master));
    }
    Ok(())
}

/// Reads the terminal, writes UTF-8 to the pty, until the terminal goes.
fn relay(real: RawFd, master: RawFd) {
    let mut decoder = encoding_rs::GB18030.new_decoder();
    let mut buf = [0u8; 4096];
    let mut text = String::with_capacity(8192);
    loop {
        // SAFETY: reading into a buffer this function owns.
        let n = unsafe { libc::read(real, buf.as_mut_ptr().cast(), buf.len()) };
        let Ok(n) = usize::try_from(n) else {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return;
        };
        if n == 0 {
            return;
        }
        text.clear();
        let _ = decoder.decode_to_string(&buf[..n], &mut text, false);
        let mut out = text.as_bytes();
        while !out.is_empty() {
            // SAFETY: writing from a live slice.
            let w = unsafe { libc::write(master, out.as_ptr().cast(), out.len()) };
            match usize::try_from(w) {
                Ok(w) => out = &out[w..],
                Err(_) if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return,
            }
        }
    }
}

/// Puts the real terminal's settings back (safe to call more than once).
pub fn restore() {
    if let Some((fd, saved)) = REAL.get() {
        // SAFETY: the descriptor stays open for the process's life.
        unsafe {
            libc::tcsetattr(*fd, libc::TCSANOW, saved);
        }
    }
}
