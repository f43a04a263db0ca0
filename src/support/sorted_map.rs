//! A map kept as one list of entries sorted by key.
//!
//! The app's maps are small (ten criteria, ten practices, four quadrants) or built in one go
//! (a snapshot's positions, a backup's new ids). `BTreeMap` linked its node code again for
//! every key and value type: about 22 KB of the wasm for the app's eight map types. A sorted
//! list needs only a binary search, and written JSON and iteration keep the same key order.

use std::ops::Index;

use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::sorting::sort_by;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// Where `key` is, or where it would go.
    fn find(&self, key: &K) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.cmp(key))
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    /// Adds or replaces the value for `key`.
    pub fn insert(&mut self, key: K, value: V) {
        match self.find(&key) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    pub fn remove(&mut self, key: &K) {
        if let Ok(i) = self.find(key) {
            self.0.remove(i);
        }
    }

    /// The value for `key`, added as the default first if there is none.
    pub fn value_mut(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key, V::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        self.0.retain(|(k, v)| keep(k, v));
    }
}

impl<K, V> SortedMap<K, V> {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

/// Sorts once, rather than inserting one entry at a time. As with `BTreeMap`, a later entry
/// replaces an earlier one with the same key.
impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        let mut entries: Vec<(K, V)> = entries.into_iter().collect();
        // Stable, so entries with one key stay in the order given and the last one is kept.
        sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(K, V)> = Vec::with_capacity(entries.len());
        for entry in entries {
            match kept.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => kept.push(entry),
            }
        }
        Self(kept)
    }
}

impl<K: Ord, V> Index<&K> for SortedMap<K, V> {
    type Output = V;

    fn index(&self, key: &K) -> &V {
        self.get(key).expect("no entry for this key")
    }
}

/// Written as a JSON object, as serde writes a `BTreeMap`.
impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// Read from a JSON object, in any key order, as serde reads a `BTreeMap`.
impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Deserialize<'de> for SortedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
            type Value = SortedMap<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(entries.into_iter().collect())
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::support::json;

    use super::*;

    #[test]
    fn keeps_entries_in_key_order_like_a_btree_map() {
        let entries = [(3, "c"), (1, "a"), (3, "z"), (2, "b"), (0, "x")];
        let sorted: SortedMap<_, _> = entries.into_iter().collect();
        let btree: BTreeMap<_, _> = entries.into_iter().collect();
        assert_eq!(
            sorted.iter().collect::<Vec<_>>(),
            btree.iter().collect::<Vec<_>>()
        );
        assert_eq!(sorted[&3], "z", "a later entry replaces an earlier one");
        assert_eq!(sorted.len(), 4);
    }

    #[test]
    fn inserts_replaces_and_removes() {
        let mut map = SortedMap::default();
        assert!(map.is_empty());
        for (k, v) in [(5, 50), (1, 10), (3, 30), (1, 11)] {
            map.insert(k, v);
        }
        assert_eq!(
            map.iter().collect::<Vec<_>>(),
            [(&1, &11), (&3, &30), (&5, &50)]
        );
        map.remove(&3);
        map.remove(&4);
        assert_eq!(map.get(&3), None);
        assert_eq!(map.get(&5), Some(&50));
        *map.value_mut(2) += 7;
        *map.value_mut(5) += 1;
        assert_eq!(map.values().copied().collect::<Vec<_>>(), [11, 7, 51]);
        map.retain(|k, _| k % 2 == 1);
        assert_eq!(map.iter().collect::<Vec<_>>(), [(&1, &11), (&5, &51)]);
    }

    #[test]
    fn writes_and_reads_json_like_a_btree_map() {
        let map: SortedMap<u64, bool> = [(10, true), (2, false)].into_iter().collect();
        let btree: BTreeMap<u64, bool> = [(10, true), (2, false)].into_iter().collect();
        let text = json::to_text(&map);
        assert_eq!(text, serde_json::to_string(&btree).unwrap());
        assert_eq!(json::read::<SortedMap<u64, bool>>(&text).unwrap(), map);
        let unordered: SortedMap<u64, bool> = json::read(r#"{"9":true,"1":false}"#).unwrap();
        assert_eq!(unordered.iter().next(), Some((&1, &false)));
        assert!(json::read::<SortedMap<u64, bool>>(r#"{"x":true}"#).is_err());
    }
}
