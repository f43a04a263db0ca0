//! One sort for the whole app.
//!
//! Every `sort_by` call with its own closure makes the compiler emit another copy of the
//! standard library's sort, 2 to 4 KB of wasm each: the app's eleven sorts had linked
//! thirteen copies, about 45 KB. `SortedMap` sorts its entries with these too.
//! These helpers sort a list of positions with a comparator behind `dyn`, so all callers
//! share one copy, and then move the items into that order. All of them are stable: equal
//! items keep their order.

use std::cmp::Ordering;

/// Sorts `items` by `compare`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    reorder(items, order);
}

/// Sorts `items` by a key computed for each comparison (cheap keys).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by a key computed once per item (keys that allocate).
pub fn sort_by_cached_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_positions(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    reorder(items, order);
}

fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    // The one place the standard sort is linked (see clippy.toml).
    #[allow(clippy::disallowed_methods)]
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that the item at `order[i]` comes `i`th.
fn reorder<T>(items: &mut Vec<T>, order: Vec<usize>) {
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_items_in_their_order() {
        let mut words = vec!["pear", "Fig", "apple", "fig", "kiwi", "date"];
        sort_by(&mut words, |a, b| a.len().cmp(&b.len()));
        assert_eq!(words, ["Fig", "fig", "pear", "kiwi", "date", "apple"]);
        sort_by_key(&mut words, |w| std::cmp::Reverse(w.len()));
        assert_eq!(words, ["apple", "pear", "kiwi", "date", "Fig", "fig"]);
        sort_by_cached_key(&mut words, |w| w.to_lowercase());
        assert_eq!(words, ["apple", "date", "Fig", "fig", "kiwi", "pear"]);
    }

    #[test]
    fn sorts_empty_and_long_lists_like_the_standard_sort() {
        let mut none: Vec<u8> = Vec::new();
        sort_by(&mut none, |a, b| a.cmp(b));
        assert!(none.is_empty());
        let mut numbers: Vec<u64> = (0..2000u64).map(|i| (i * 7919) % 1009).collect();
        let mut expected = numbers.clone();
        expected.sort();
        sort_by(&mut numbers, |a, b| a.cmp(b));
        assert_eq!(numbers, expected);
    }
}
