//! A shared value compared by identity, as a memo key. Large data in the document (the
//! account list) is replaced whole on any change to it (`Rc::make_mut`), so the same `Rc`
//! means the same data, and comparing tens of thousands of records field by field would
//! cost what the memo saves.

use std::rc::Rc;

pub struct ByIdentity<T>(pub Rc<T>);

impl<T> PartialEq for ByIdentity<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_only_to_the_same_shared_value() {
        let one = Rc::new(vec![1]);
        assert!(ByIdentity(one.clone()) == ByIdentity(one.clone()));
        assert!(ByIdentity(one) != ByIdentity(Rc::new(vec![1])));
    }
}
