//! Styles named by meaning: 16-colour safe, NO_COLOR (reverse video for the
//! selection), and an ASCII border set for terminals that draw box lines wide.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub ascii: bool,
    pub color: bool,
}

pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    pub fn border(&self) -> border::Set<'static> {
        if self.ascii { ASCII_BORDER } else { border::PLAIN }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    pub fn selected(&self) -> Style {
        if self.color { Style::new().fg(Color::Black).bg(Color::Cyan) } else { Style::new().add_modifier(Modifier::REVERSED) }
    }

    pub fn header(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn tab_active(&self) -> Style {
        if self.color { Style::new().fg(Color::Black).bg(Color::Yellow) } else { Style::new().add_modifier(Modifier::REVERSED) }
    }

    pub fn muted(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// A footer key that does nothing on this screen now: grey, or dim
    /// without colour.
    pub fn disabled(&self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new().add_modifier(Modifier::DIM) }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Overdue rows and stuck concerns (red, not bold, so a table stays readable).
    pub fn overdue(&self) -> Style {
        self.fg(Color::Red)
    }

    /// Rows due now.
    pub fn due(&self) -> Style {
        self.fg(Color::Yellow)
    }

    /// 季度之星 rows.
    pub fn star(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn focus(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn mark(&self) -> &'static str {
        if self.ascii { ">" } else { "▶" }
    }
}
