//! [`Kept`]: values kept within a byte budget, the least recently used dropped
//! first — the server's answers ([`crate::serve`]) and the facet tables of
//! segments ([`crate::search`]) share it.

use std::borrow::Borrow;
use std::convert::Infallible;
use std::hash::Hash;
use std::sync::Mutex;

use lru::LruCache;

/// Values by key, at most `budget` bytes of them as `size` counts a key and its
/// value; a value larger than the whole budget is not kept (it would push out
/// everything and stay alone).
pub(crate) struct Kept<K: Hash + Eq, V> {
    values: LruCache<K, V>,
    bytes: usize,
    budget: usize,
    size: fn(&K, &V) -> usize,
}

impl<K: Hash + Eq, V> Kept<K, V> {
    pub(crate) fn new(budget: usize, size: fn(&K, &V) -> usize) -> Self {
        Kept {
            values: LruCache::unbounded(),
            bytes: 0,
            budget,
            size,
        }
    }

    /// The value kept for `key`, now the most recently used.
    pub(crate) fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.values.get(key)
    }

    pub(crate) fn put(&mut self, key: K, value: V) {
        let size = (self.size)(&key, &value);
        if size > self.budget {
            return;
        }
        if let Some((old_key, old)) = self.values.push(key, value) {
            self.bytes -= (self.size)(&old_key, &old);
        }
        self.bytes += size;
        while self.bytes > self.budget {
            let Some((k, dropped)) = self.values.pop_lru() else {
                break;
            };
            self.bytes -= (self.size)(&k, &dropped);
        }
    }

    /// The value kept for `key`, else the one `make` makes, kept.
    pub(crate) fn get_or_make(cache: &Mutex<Self>, key: K, make: impl FnOnce() -> V) -> V
    where
        V: Clone,
    {
        match Self::try_get_or_make(cache, key, || Ok::<V, Infallible>(make())) {
            Ok(value) => value,
            Err(never) => match never {},
        }
    }

    /// The value kept for `key`, else the one `make` makes, kept. The lock is not
    /// held while making it (two callers may both make it; the last one is kept).
    pub(crate) fn try_get_or_make<E>(
        cache: &Mutex<Self>,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E>
    where
        V: Clone,
    {
        let lock = || cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(value) = lock().get(&key).cloned() {
            return Ok(value);
        }
        let value = make()?;
        lock().put(key, value.clone());
        Ok(value)
    }

    pub(crate) fn clear(&mut self) {
        self.values.clear();
        self.bytes = 0;
    }

    /// How many values and bytes are kept.
    #[cfg(test)]
    pub(crate) fn held(&self) -> (usize, usize) {
        (self.values.len(), self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_within_the_budget_least_recently_used_first_out() {
        let mut kept: Kept<&str, Vec<u8>> = Kept::new(100, |_, v| v.len());
        kept.put("a", vec![0; 40]);
        kept.put("b", vec![0; 40]);
        assert!(kept.get(&"a").is_some(), "a is now the most recently used");
        kept.put("c", vec![0; 40]);
        assert!(kept.get(&"b").is_none(), "b was the least recently used");
        assert!(kept.get(&"a").is_some() && kept.get(&"c").is_some());
        assert_eq!(kept.held(), (2, 80));
        // Replacing a value counts its new size only; one over the budget alone
        // is not kept.
        kept.put("a", vec![0; 10]);
        assert_eq!(kept.held(), (2, 50));
        kept.put("huge", vec![0; 500]);
        assert!(kept.get(&"huge").is_none());
        assert_eq!(kept.held(), (2, 50));
        kept.clear();
        assert_eq!(kept.held(), (0, 0));
    }
}
