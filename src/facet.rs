//! Facet values, typed: where the event happened ([`RegionPath`]), which official
//! acted ([`OfficialPath`]), what kind of pledge was made ([`PledgeType`]), and a
//! [`FacetPath`] in any [`FacetField`]'s hierarchy, for counting.
//!
//! Tantivy-free: only [`crate::schema`] turns these into tantivy facets (with
//! `Facet::from_path`, step by step), and reads them back.
//!
//! Written as text, a path is its steps, each after a `/`:
//! `/Nusa Tenggara Barat/Kabupaten Lombok Timur`, `/Pj Gubernur/Hassanudin`,
//! `/deklarasi`; the root is `/`. A `/` or `\` inside a step is written `\/` or `\\`.

use std::fmt;

use serde::{Serialize, Serializer};

/// A facet field of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FacetField {
    Region,
    Official,
    Pledge,
    /// The officials who led a pledge: role, then person.
    Leader,
}

impl FacetField {
    pub const ALL: [FacetField; 4] = [
        FacetField::Region,
        FacetField::Official,
        FacetField::Pledge,
        FacetField::Leader,
    ];

    /// How many levels the field's paths have: province, regency or city,
    /// district; role, person; pledge type.
    pub fn levels(self) -> usize {
        match self {
            FacetField::Region => 3,
            FacetField::Official | FacetField::Leader => 2,
            FacetField::Pledge => 1,
        }
    }

    /// The field's name in the index, in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Region => "region",
            FacetField::Official => "official",
            FacetField::Pledge => "pledge",
            FacetField::Leader => "leader",
        }
    }
}

/// A path in a facet field's hierarchy: its steps from the top (none: the root).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FacetPath(Vec<String>);

/// Text that is not a facet path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub text: String,
    pub problem: &'static str,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a facet path: {} (as in /Nusa Tenggara Barat/Kabupaten Lombok Timur)",
            self.text, self.problem
        )
    }
}

impl std::error::Error for PathError {}

impl FacetPath {
    /// The root: every value of the field lies below it.
    pub fn root() -> FacetPath {
        FacetPath(Vec::new())
    }

    /// The path of these steps, from the top.
    pub fn new<S: Into<String>>(steps: impl IntoIterator<Item = S>) -> FacetPath {
        FacetPath(steps.into_iter().map(Into::into).collect())
    }

    pub fn steps(&self) -> &[String] {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The path one step up (`None` for the root).
    pub fn parent(&self) -> Option<FacetPath> {
        let (_, up) = self.0.split_last()?;
        Some(FacetPath(up.to_vec()))
    }

    /// The last step (`None` for the root).
    pub fn last(&self) -> Option<&str> {
        self.0.last().map(String::as_str)
    }

    /// Whether `self` is `other` or lies above it.
    pub fn contains(&self, other: &FacetPath) -> bool {
        other.0.starts_with(&self.0)
    }

    /// Reads a path written as text (see the module documentation). Empty steps
    /// (`//`, a trailing `/` after a step) are refused, not dropped.
    pub fn parse(text: &str) -> Result<FacetPath, PathError> {
        let error = |problem| PathError {
            text: text.to_owned(),
            problem,
        };
        let Some(rest) = text.strip_prefix('/') else {
            return Err(error("start it with /"));
        };
        if rest.is_empty() {
            return Ok(FacetPath::root());
        }
        let mut steps = Vec::new();
        let mut step = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(escaped) => step.push(escaped),
                    None => return Err(error("it ends with a lone \\")),
                },
                '/' => steps.push(std::mem::take(&mut step)),
                c => step.push(c),
            }
        }
        steps.push(step);
        if steps.iter().any(|s| s.trim().is_empty()) {
            return Err(error("a step between two / is empty"));
        }
        Ok(FacetPath(steps))
    }
}

impl fmt::Display for FacetPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("/");
        }
        for step in &self.0 {
            f.write_str("/")?;
            for c in step.chars() {
                if matches!(c, '/' | '\\') {
                    f.write_str("\\")?;
                }
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for FacetPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A place of the gazetteer: a province, a regency or city in it, a district in
/// that (one to three steps).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionPath(FacetPath);

impl RegionPath {
    /// The deepest administrative level: province, regency or city, district.
    pub const MAX_STEPS: usize = 3;

    /// The region of these names, from the province down; `None` when there are
    /// none or more than three.
    pub fn new<S: Into<String>>(steps: impl IntoIterator<Item = S>) -> Option<RegionPath> {
        let path = FacetPath::new(steps);
        (1..=Self::MAX_STEPS)
            .contains(&path.steps().len())
            .then_some(RegionPath(path))
    }

    pub fn steps(&self) -> &[String] {
        self.0.steps()
    }

    pub fn as_facet_path(&self) -> &FacetPath {
        &self.0
    }

    /// "Kabupaten Lombok Timur, Nusa Tenggara Barat": the place, then what it lies in.
    pub fn display_name(&self) -> String {
        let mut steps: Vec<&str> = self.steps().iter().map(String::as_str).collect();
        steps.reverse();
        steps.join(", ")
    }
}

impl fmt::Display for RegionPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for RegionPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An official: a role and a person's name under it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct OfficialPath {
    pub role: String,
    pub name: String,
}

impl OfficialPath {
    pub fn new(role: impl Into<String>, name: impl Into<String>) -> OfficialPath {
        OfficialPath {
            role: role.into(),
            name: name.into(),
        }
    }

    pub fn facet_path(&self) -> FacetPath {
        FacetPath::new([self.role.as_str(), self.name.as_str()])
    }

    /// The official at a two-step path (`/Role/Name`); `None` for any other.
    pub fn from_facet_path(path: &FacetPath) -> Option<OfficialPath> {
        match path.steps() {
            [role, name] => Some(OfficialPath::new(role.as_str(), name.as_str())),
            _ => None,
        }
    }
}

impl fmt::Display for OfficialPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.facet_path().fmt(f)
    }
}

/// A kind of pledge an article reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PledgeType {
    Deklarasi,
    Ikrar,
    KomitmenBersama,
    PaktaIntegritas,
    Penandatanganan,
    Apel,
}

impl PledgeType {
    /// Every type, in the order netra lists them.
    pub const ALL: [PledgeType; 6] = [
        PledgeType::Deklarasi,
        PledgeType::Ikrar,
        PledgeType::KomitmenBersama,
        PledgeType::PaktaIntegritas,
        PledgeType::Penandatanganan,
        PledgeType::Apel,
    ];

    /// The Indonesian name: the facet value, and what users type.
    pub fn name(self) -> &'static str {
        match self {
            PledgeType::Deklarasi => "deklarasi",
            PledgeType::Ikrar => "ikrar",
            PledgeType::KomitmenBersama => "komitmen bersama",
            PledgeType::PaktaIntegritas => "pakta integritas",
            PledgeType::Penandatanganan => "penandatanganan",
            PledgeType::Apel => "apel",
        }
    }

    /// The type a name stands for: its [`name`](Self::name) in any case and
    /// spacing, or the common misspelling "fakta integritas".
    pub fn from_name(text: &str) -> Option<PledgeType> {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        let key = match words.join(" ").as_str() {
            "fakta integritas" => "pakta integritas".to_owned(),
            other => other.to_owned(),
        };
        PledgeType::ALL.into_iter().find(|t| t.name() == key)
    }
}

impl fmt::Display for PledgeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for PledgeType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_back_as_written() {
        for text in [
            "/",
            "/Nusa Tenggara Barat",
            "/Nusa Tenggara Barat/Kabupaten Lombok Timur",
            "/Camat/Andi Sulaiman",
            "/Ketua/A\\/B",
            "/x\\\\y",
        ] {
            let path = FacetPath::parse(text).expect(text);
            assert_eq!(path.to_string(), text);
        }
        assert_eq!(
            FacetPath::parse("/Ketua/A\\/B").unwrap().steps(),
            ["Ketua", "A/B"]
        );
        assert!(FacetPath::parse("/").unwrap().is_root());
    }

    #[test]
    fn malformed_paths_are_errors_not_guesses() {
        for (text, problem) in [
            ("Banten", "start it with /"),
            ("", "start it with /"),
            ("/Banten/", "empty"),
            ("//Banten", "empty"),
            ("/a/ /b", "empty"),
            ("/a\\", "lone"),
        ] {
            let e = FacetPath::parse(text).expect_err(text);
            assert!(e.to_string().contains(problem), "{text}: {e}");
        }
    }

    #[test]
    fn regions_have_one_to_three_steps() {
        assert!(RegionPath::new(Vec::<String>::new()).is_none());
        assert!(RegionPath::new(["a", "b", "c", "d"]).is_none());
        let r = RegionPath::new(["Nusa Tenggara Barat", "Kabupaten Lombok Timur"]).unwrap();
        assert_eq!(r.to_string(), "/Nusa Tenggara Barat/Kabupaten Lombok Timur");
        assert_eq!(
            r.display_name(),
            "Kabupaten Lombok Timur, Nusa Tenggara Barat"
        );
        assert!(FacetPath::parse("/Nusa Tenggara Barat")
            .unwrap()
            .contains(r.as_facet_path()));
    }

    #[test]
    fn officials_are_two_steps() {
        let o = OfficialPath::new("Pj Gubernur", "Hassanudin");
        assert_eq!(o.to_string(), "/Pj Gubernur/Hassanudin");
        assert_eq!(OfficialPath::from_facet_path(&o.facet_path()), Some(o));
        assert_eq!(
            OfficialPath::from_facet_path(&FacetPath::parse("/Camat").unwrap()),
            None
        );
    }

    #[test]
    fn pledge_names_and_the_misspelt_pact() {
        for t in PledgeType::ALL {
            assert_eq!(PledgeType::from_name(t.name()), Some(t));
            assert_eq!(PledgeType::from_name(&t.name().to_uppercase()), Some(t));
        }
        assert_eq!(
            PledgeType::from_name(" Fakta   Integritas "),
            Some(PledgeType::PaktaIntegritas)
        );
        assert_eq!(PledgeType::from_name("sumpah"), None);
        assert_eq!(
            serde_json::to_string(&PledgeType::KomitmenBersama).unwrap(),
            "\"komitmen bersama\""
        );
    }
}
