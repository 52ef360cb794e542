//! The request context: what every handler may need from the shell, read
//! once per request. Like workers-rs's `RouteContext`, but with the
//! edge's own members: the clock read once, the store, the token secrets
//! (read when first asked for) and work deferred until after the response.

use std::cell::OnceCell;
use std::future::Future;

use aftercart_shared::UnixTime;
use aftercart_shared::privacy::VisitorKey;
use worker::{Context, Env};

use crate::bindings;
use crate::error::ApiError;
use crate::store::Store;

pub struct Ctx<'a> {
    env: &'a Env,
    worker: &'a Context,
    now: UnixTime,
    store: OnceCell<Store>,
    secrets: OnceCell<Secrets>,
}

impl<'a> Ctx<'a> {
    pub fn new(env: &'a Env, worker: &'a Context) -> Self {
        Self {
            env,
            worker,
            now: clock(),
            store: OnceCell::new(),
            secrets: OnceCell::new(),
        }
    }

    pub fn env(&self) -> &'a Env {
        self.env
    }

    /// When the request arrived: one instant for all of its decisions.
    pub fn now(&self) -> UnixTime {
        self.now
    }

    pub fn store(&self) -> Result<&Store, ApiError> {
        if let Some(store) = self.store.get() {
            return Ok(store);
        }
        let store = Store::open(self.env)?;
        Ok(self.store.get_or_init(|| store))
    }

    pub fn secrets(&self) -> Result<&Secrets, ApiError> {
        if let Some(secrets) = self.secrets.get() {
            return Ok(secrets);
        }
        let secrets = Secrets::read(self.env)?;
        Ok(self.secrets.get_or_init(|| secrets))
    }

    /// Runs `work` after the response has gone out (`wait_until`): the
    /// caller does not wait for it.
    pub fn after_response(&self, work: impl Future<Output = ()> + 'static) {
        self.worker.wait_until(work);
    }
}

/// The token signing secrets: current, and the previous during a rotation.
pub struct Secrets {
    current: String,
    previous: String,
}

impl Secrets {
    /// The token secrets from `env`: for the cron, which has no request context.
    pub fn read(env: &Env) -> Result<Self, ApiError> {
        let read = |name: &str| env.secret(name).map(|s| s.to_string()).unwrap_or_default();
        let current = read(bindings::TOKEN_SECRET);
        if current.is_empty() {
            return Err(ApiError::internal(format!(
                "secret {} is not configured",
                bindings::TOKEN_SECRET
            )));
        }
        Ok(Self {
            current,
            previous: read(bindings::TOKEN_SECRET_PREVIOUS),
        })
    }

    /// The secret new tokens are signed with.
    pub fn current(&self) -> &[u8] {
        self.current.as_bytes()
    }

    /// Every secret a token may be signed with.
    pub fn all(&self) -> [&[u8]; 2] {
        [self.current.as_bytes(), self.previous.as_bytes()]
    }

    /// The key browsers are hashed under when stored.
    ///
    /// Derived from the token secret (with its own label, so a hash is
    /// never a token signature) rather than a secret of its own: every
    /// deployment already has this one, high-entropy and kept secret, so
    /// no new secret can be forgotten at deploy time, nor defaulted to a
    /// dev value in production. What that costs, a rotation changing the
    /// hashes, [`Secrets::visitor_keys`] covers where it matters.
    pub fn visitor_key(&self) -> VisitorKey {
        VisitorKey::derive(self.current.as_bytes())
    }

    /// Every key a stored browser may be hashed under: the current one,
    /// and the previous secret's during a rotation, so the same-device
    /// check still sees the referrer's sightings from before it. (A click
    /// counted under the previous key may be counted once more that day.)
    pub fn visitor_keys(&self) -> Vec<VisitorKey> {
        let mut keys = vec![self.visitor_key()];
        if !self.previous.is_empty() {
            keys.push(VisitorKey::derive(self.previous.as_bytes()));
        }
        keys
    }
}

/// The shell's clock. `shared` never reads one; it is handed `now`.
pub fn clock() -> UnixTime {
    let millis = worker::Date::now().as_millis();
    UnixTime::from_secs(i64::try_from(millis / 1000).unwrap_or(i64::MAX))
}

/// The shell's dice (`crypto.getRandomValues`): `shared` is handed the
/// number.
pub fn random_u64() -> Result<u64, ApiError> {
    getrandom::u64().map_err(|e| ApiError::internal(format!("no randomness: {e}")))
}
