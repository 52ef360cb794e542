//! The database handle, and the few ways every query runs: one statement,
//! a batch (one transaction) and a commit. D1's failures become
//! [`Error`]s here.

use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, D1Result, Env};

use super::error::Error;
use crate::bindings;

pub struct Store {
    pub(super) db: D1Database,
}

impl Store {
    pub fn open(env: &Env) -> Result<Self, Error> {
        Ok(Self {
            db: env.d1(bindings::DB)?,
        })
    }

    pub(super) fn statement(
        &self,
        sql: &str,
        args: &[JsValue],
    ) -> Result<D1PreparedStatement, Error> {
        Ok(self.db.prepare(sql).bind(args)?)
    }

    /// Runs `statements` as one transaction (so their reads agree) and
    /// answers each one's result, in order.
    pub(super) async fn batch<const N: usize>(
        &self,
        statements: [D1PreparedStatement; N],
    ) -> Result<[D1Result; N], Error> {
        let results = self.db.batch(Vec::from(statements)).await?;
        let count = results.len();
        results.try_into().map_err(|_| {
            Error::Unavailable(format!("D1 answered {count} results for {N} statements"))
        })
    }

    /// Runs `statements` as one transaction.
    pub async fn commit(&self, statements: Vec<D1PreparedStatement>) -> Result<(), Error> {
        for result in self.db.batch(statements).await? {
            if let Some(err) = result.error() {
                return Err(Error::classify(err));
            }
        }
        Ok(())
    }

    /// The number of rows the statement changed.
    pub(super) fn changes(result: &D1Result) -> Result<usize, Error> {
        Ok(result.meta()?.and_then(|m| m.changes).unwrap_or_default())
    }
}
