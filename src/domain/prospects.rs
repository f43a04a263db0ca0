//! Results that prospects sent back from an invitation: kept apart from the user's own
//! history, so a prospect's score never moves the team's trend.

use serde::Serialize;

use super::grader::{grade, Answers, Grade};
use super::json::{self, required, FromJson, Reader};

/// Identifies a received result; taken from the document's id counter like every other id.
pub type ProspectId = u64;

/// One prospect's self-assessment, as their result link carried it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Prospect {
    pub id: ProspectId,
    /// RFC 3339 timestamp of when the user added it.
    pub received_at: String,
    /// `YYYY-MM-DD`: the day the prospect answered.
    pub answered_on: String,
    /// Who answered, as the prospect typed it (may be empty).
    pub name: String,
    pub company: String,
    /// The label the prospect gave the result, if any.
    pub label: String,
    pub answers: Answers,
    /// The link's payload, exactly as received: the same link opened twice is recognised by
    /// it, and is not added a second time. Empty for results moved here from the history.
    pub link: String,
}

impl Prospect {
    pub fn grade(&self) -> Grade {
        grade(&self.answers)
    }
}

/// The prospect already added from this result link, if any.
pub fn received_from<'a>(prospects: &'a [Prospect], link: &str) -> Option<&'a Prospect> {
    if link.is_empty() {
        return None;
    }
    prospects.iter().find(|p| p.link == link)
}

impl FromJson for Prospect {
    fn read(r: &mut Reader) -> json::Result<Self> {
        let (mut id, mut received_at, mut answers) = (None, None, None);
        let mut p = Prospect {
            id: 0,
            received_at: String::new(),
            answered_on: String::new(),
            name: String::new(),
            company: String::new(),
            label: String::new(),
            answers: Answers::default(),
            link: String::new(),
        };
        r.object(&mut |r, key| {
            match key {
                "id" => id = Some(r.u64()?),
                "received_at" => received_at = Some(r.string()?),
                "answered_on" => p.answered_on = r.string()?,
                "name" => p.name = r.string()?,
                "company" => p.company = r.string()?,
                "label" => p.label = r.string()?,
                "answers" => answers = Some(Answers::read(r)?),
                "link" => p.link = r.string()?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        p.id = required(id, "id")?;
        p.received_at = required(received_at, "received_at")?;
        p.answers = required(answers, "answers")?;
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::practices::PracticeId;

    fn prospect(id: ProspectId, link: &str) -> Prospect {
        Prospect {
            id,
            received_at: "2026-12-06T09:00:00Z".into(),
            answered_on: "2026-12-05".into(),
            name: "Dana".into(),
            company: "Northwind".into(),
            label: String::new(),
            answers: Answers::all_answered_with_yes(&[PracticeId::GrowthGoals]),
            link: link.into(),
        }
    }

    #[test]
    fn the_same_link_is_found_again_and_an_empty_one_never() {
        let list = vec![prospect(1, "abc"), prospect(2, "")];
        assert_eq!(received_from(&list, "abc").map(|p| p.id), Some(1));
        assert_eq!(received_from(&list, "abd"), None);
        assert_eq!(received_from(&list, ""), None);
    }

    #[test]
    fn reads_back_what_serde_writes() {
        let p = prospect(4, "xyz");
        let text = json::to_text(&p);
        assert_eq!(Reader::read_all(&text), Ok(p));
    }
}
