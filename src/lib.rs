//! lianhu (联户通): the working tool of the programme 党员联户助推垃圾分类.
//!
//! Layers: `domain` (pure rules), `store` (SQLite), `present` (text as people
//! read it), `io` (files), `app` (state and update), `ui` (drawing), `cli`
//! (commands), `term` (terminal).

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod io;
pub mod present;
pub mod progress;
pub mod store;
pub mod term;
pub mod ui;
