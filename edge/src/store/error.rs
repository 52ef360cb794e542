//! The store's one error type. D1 reports every failure as text; the text
//! is read here, once, into what callers can act on, and the store's
//! methods turn the failures they expect into typed outcomes.

/// What went wrong in D1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A UNIQUE or PRIMARY KEY constraint refused a write; the transaction
    /// was rolled back.
    #[error("UNIQUE constraint failed on {table} ({})", columns.join(", "))]
    Unique { table: String, columns: Vec<String> },
    /// A trigger refused a write; the transaction was rolled back.
    #[error("refused by the database: {0:?}")]
    Refused(Refusal),
    /// A stored value does not read back as what was written.
    #[error("stored {what} is invalid: {detail}")]
    Corrupt { what: &'static str, detail: String },
    /// D1 failed otherwise, or is not bound.
    #[error("D1 failed: {0}")]
    Unavailable(String),
}

/// Why a trigger refused a write: the reasons the migrations `RAISE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `return_items_never_exceed_the_order`: more units would go back than
    /// were ordered.
    OverReturned,
}

impl Refusal {
    const ALL: [Self; 1] = [Self::OverReturned];

    /// The text of the trigger's `RAISE(ABORT, …)`.
    fn raised(self) -> &'static str {
        match self {
            Self::OverReturned => "over_returned",
        }
    }
}

/// The outcome of an insert that a unique key makes once-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Insert {
    Inserted,
    /// The key was taken (by an earlier or a concurrent write); nothing
    /// was written.
    AlreadyExists,
}

const UNIQUE_FAILED: &str = "UNIQUE constraint failed: ";

impl Error {
    pub(super) fn corrupt(what: &'static str, detail: impl std::fmt::Display) -> Self {
        Self::Corrupt {
            what,
            detail: detail.to_string(),
        }
    }

    /// Reads D1's message, e.g. `UNIQUE constraint failed: returns.shop_id,
    /// returns.order_id: SQLITE_CONSTRAINT` or a trigger's reason.
    pub(super) fn classify(message: String) -> Self {
        if let Some(refusal) = Refusal::ALL
            .into_iter()
            .find(|r| message.contains(r.raised()))
        {
            return Self::Refused(refusal);
        }
        let Some((_, rest)) = message.split_once(UNIQUE_FAILED) else {
            return Self::Unavailable(message);
        };
        let list = rest
            .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ',' | ' ')))
            .next()
            .unwrap_or_default();
        let mut table = String::new();
        let mut columns = Vec::new();
        for qualified in list.split(',').map(str::trim).filter(|q| !q.is_empty()) {
            let (t, column) = qualified.split_once('.').unwrap_or(("", qualified));
            if table.is_empty() {
                t.clone_into(&mut table);
            }
            columns.push(column.to_owned());
        }
        Self::Unique { table, columns }
    }

    /// Whether a unique key of `table` refused the write.
    pub(super) fn is_unique_on(&self, table: &str) -> bool {
        matches!(self, Self::Unique { table: t, .. } if t == table)
    }
}

impl From<worker::Error> for Error {
    fn from(err: worker::Error) -> Self {
        let message = match &err {
            // What failed may be in the message ("D1_ERROR: …") or in its
            // cause, depending on the runtime: read both.
            worker::Error::D1(d1) => {
                let js: &js_sys::Error = d1.as_ref();
                format!("{}: {}", String::from(js.message()), d1.cause())
            }
            other => other.to_string(),
        };
        Self::classify(message)
    }
}

/// `Inserted`, or `AlreadyExists` when a unique key of `table` refused it.
pub(super) fn once_on(table: &str, written: Result<(), Error>) -> Result<Insert, Error> {
    match written {
        Ok(()) => Ok(Insert::Inserted),
        Err(err) if err.is_unique_on(table) => Ok(Insert::AlreadyExists),
        Err(err) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_failures_name_their_table_and_columns() {
        let err = Error::classify(
            "D1_ERROR: UNIQUE constraint failed: returns.shop_id, returns.order_id, \
             returns.idempotency_key: SQLITE_CONSTRAINT"
                .to_owned(),
        );
        let Error::Unique { table, columns } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(table, "returns");
        assert_eq!(columns, &["shop_id", "order_id", "idempotency_key"]);
        assert!(err.is_unique_on("returns"));
        assert!(!err.is_unique_on("return_items"));

        let err = Error::classify("UNIQUE constraint failed: referral_codes.code".to_owned());
        assert!(matches!(&err, Error::Unique { table, columns }
            if table == "referral_codes" && columns == &["code"]));
    }

    #[test]
    fn trigger_refusals_are_named_and_the_rest_is_unavailable() {
        assert!(matches!(
            Error::classify("D1_ERROR: over_returned: SQLITE_CONSTRAINT".to_owned()),
            Error::Refused(Refusal::OverReturned)
        ));
        assert!(matches!(
            Error::classify("D1_ERROR: no such table: orders".to_owned()),
            Error::Unavailable(_)
        ));
    }

    #[test]
    fn once_on_turns_only_its_own_table_into_already_exists() {
        let unique = |table: &str| Error::Unique {
            table: table.to_owned(),
            columns: vec!["id".to_owned()],
        };
        assert_eq!(once_on("reviews", Ok(())).ok(), Some(Insert::Inserted));
        assert_eq!(
            once_on("reviews", Err(unique("reviews"))).ok(),
            Some(Insert::AlreadyExists)
        );
        assert!(once_on("reviews", Err(unique("nps_responses"))).is_err());
    }
}
