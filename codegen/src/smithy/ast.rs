//! Serde types of the Smithy 2.0 JSON AST, kept close to the format itself.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

/// A whole JSON AST document: `{"smithy": "2.0", "metadata": {...}, "shapes": {...}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelFile {
    pub smithy: String,
    #[serde(default)]
    pub metadata: BTreeMap<String, Value>,
    #[serde(default)]
    pub shapes: BTreeMap<String, Shape>,
}

/// Every shape type of the specification, plus `apply`, which only adds traits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ShapeType {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    Set,
    Map,
    Structure,
    Union,
    Service,
    Operation,
    Resource,
    Apply,
}

/// A reference to another shape: `{"target": "ns#Name"}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Target {
    pub target: String,
}

/// A member: its target and the traits applied to it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Member {
    pub target: String,
    #[serde(default)]
    pub traits: BTreeMap<String, Value>,
}

/// One shape. Fields that do not apply to its type are simply absent.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    #[serde(rename = "type")]
    pub kind: ShapeType,
    #[serde(default)]
    pub traits: BTreeMap<String, Value>,
    #[serde(default, deserialize_with = "ordered")]
    pub members: Vec<(String, Member)>,
    pub member: Option<Member>,
    pub key: Option<Member>,
    pub value: Option<Member>,
    #[serde(default)]
    pub mixins: Vec<Target>,
    pub version: Option<String>,
    pub input: Option<Target>,
    pub output: Option<Target>,
    #[serde(default)]
    pub errors: Vec<Target>,
    #[serde(default)]
    pub operations: Vec<Target>,
    #[serde(default)]
    pub resources: Vec<Target>,
    #[serde(default)]
    pub collection_operations: Vec<Target>,
    pub create: Option<Target>,
    pub put: Option<Target>,
    pub read: Option<Target>,
    pub update: Option<Target>,
    pub delete: Option<Target>,
    pub list: Option<Target>,
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
}

impl Shape {
    /// A shape of the given type with no traits, members or bindings yet.
    pub fn empty(kind: ShapeType) -> Self {
        Shape {
            kind,
            traits: BTreeMap::new(),
            members: Vec::new(),
            member: None,
            key: None,
            value: None,
            mixins: Vec::new(),
            version: None,
            input: None,
            output: None,
            errors: Vec::new(),
            operations: Vec::new(),
            resources: Vec::new(),
            collection_operations: Vec::new(),
            create: None,
            put: None,
            read: None,
            update: None,
            delete: None,
            list: None,
            rename: BTreeMap::new(),
        }
    }

    /// Members in declaration order, for every aggregate kind (list/set `member`, map `key`/`value` too).
    pub fn all_members(&self) -> impl Iterator<Item = (&str, &Member)> {
        let named = self.members.iter().map(|(n, m)| (n.as_str(), m));
        let fixed = [("member", &self.member), ("key", &self.key), ("value", &self.value)]
            .into_iter()
            .filter_map(|(n, m)| m.as_ref().map(|m| (n, m)));
        named.chain(fixed)
    }

    /// Operations and resources a service or resource binds, in model order.
    pub fn bound_operations(&self) -> impl Iterator<Item = &Target> {
        self.operations
            .iter()
            .chain(&self.collection_operations)
            .chain([&self.create, &self.put, &self.read, &self.update, &self.delete, &self.list].into_iter().flatten())
    }
}

/// Deserializes a JSON object into a vector, keeping the document's key order.
fn ordered<'de, D, T>(deserializer: D) -> Result<Vec<(String, T)>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Ordered<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Ordered<T> {
        type Value = Vec<(String, T)>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object of members")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((k, v)) = map.next_entry()? {
                out.push((k, v));
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Ordered(std::marker::PhantomData))
}
