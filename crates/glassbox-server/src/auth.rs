//! Write tokens (only their SHA-256 is stored) and the per-token rate limit on writes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use sha2::Digest;

use crate::db::Db;

/// The stored form of a token.
pub fn hash_token(token: &str) -> String {
    format!("{:x}", sha2::Sha256::digest(token.trim().as_bytes()))
}

/// Makes sure the catalog has a write token: `given` (from `GLASSBOX_SERVER_TOKEN` or
/// `--token-file`) is stored as a hash; with none given and none stored, a new one is made and
/// returned, so that the caller prints it once. Nothing else ever shows a token.
pub async fn ensure_token(db: &Db, given: Option<&str>) -> anyhow::Result<Option<String>> {
    if let Some(t) = given.map(str::trim).filter(|t| !t.is_empty()) {
        db.add_token(&hash_token(t)).await?;
        return Ok(None);
    }
    if db.has_token().await? {
        return Ok(None);
    }
    let token = format!("gbx_{}{}", crate::queue::new_id(), crate::queue::new_id());
    db.add_token(&hash_token(&token)).await?;
    Ok(Some(token))
}

/// The token of an `Authorization: Bearer …` header value.
pub fn bearer(header: Option<&str>) -> Option<&str> {
    let v = header?.trim();
    let (scheme, token) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty() && t.len() <= 256)
}

/// A token bucket per token: `per_minute` writes, refilled continuously.
pub struct RateLimit {
    per_minute: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimit {
    /// A limit of `per_minute` writes per token (0: no limit).
    pub fn new(per_minute: u32) -> Self {
        RateLimit {
            per_minute: per_minute as f64,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one write for this token hash; `Err(seconds)` says how long to wait.
    pub fn take(&self, key: &str) -> Result<(), u64> {
        if self.per_minute <= 0.0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut b = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let (tokens, last) = b.entry(key.to_string()).or_insert((self.per_minute, now));
        let refill = now.duration_since(*last).as_secs_f64() * self.per_minute / 60.0;
        *tokens = (*tokens + refill).min(self.per_minute);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) * 60.0 / self.per_minute).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_read_from_the_header() {
        assert_eq!(bearer(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer(Some("bearer  abc ")), Some("abc"));
        assert_eq!(bearer(Some("Basic abc")), None);
        assert_eq!(bearer(Some("Bearer ")), None);
        assert_eq!(bearer(None), None);
    }

    #[test]
    fn the_bucket_empties_and_says_how_long_to_wait() {
        let r = RateLimit::new(3);
        for _ in 0..3 {
            assert!(r.take("a").is_ok());
        }
        let wait = r.take("a").unwrap_err();
        assert!((1..=20).contains(&wait), "{wait}");
        assert!(r.take("b").is_ok(), "each token has its own bucket");
        assert!(RateLimit::new(0).take("a").is_ok());
    }
}
