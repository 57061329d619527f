//! Where in a rule file something is: the key path that loading and validation both report
//! problems against, so an operator is pointed at the line to fix.

/// A step in a key path: a table key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

pub(crate) fn key(name: &str) -> Seg {
    Seg::Key(name.to_owned())
}
