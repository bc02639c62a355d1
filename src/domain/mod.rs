//! Pure programme rules and types: no terminal, no SQL.

pub mod duty;
pub mod events;
pub mod linking;
pub mod model;
pub mod order;
pub mod overview;
pub mod period;
pub mod quarter;
pub mod redblack;
pub mod rules;
pub mod schedule;
pub mod score;
pub mod search;
pub mod standing;
pub mod summary;
pub mod text;
pub mod validate;

#[cfg(test)]
mod rules_tests;
