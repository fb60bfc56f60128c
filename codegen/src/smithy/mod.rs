//! The Smithy model: loading the JSON AST (or a botocore model, converted), the prelude, mixins
//! and typed trait access.

pub mod ast;
mod botocore;
mod load;
mod prelude;
pub mod traits;
pub mod transform;
pub mod validate;

use std::collections::BTreeMap;

pub use ast::{Member, Shape, ShapeType, Target};
pub use load::load;
pub use validate::validate;

/// A loaded, checked model: every target resolves, mixins are flattened, `apply` is merged,
/// and prelude shapes (`smithy.api#String`, ...) are present like any other shape.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub metadata: BTreeMap<String, serde_json::Value>,
    pub shapes: BTreeMap<String, Shape>,
}

impl Model {
    pub fn shape(&self, id: &str) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The shape a checked model guarantees to exist; only called with targets `load` validated.
    pub fn expect(&self, id: &str) -> &Shape {
        &self.shapes[id]
    }

    pub fn services(&self) -> impl Iterator<Item = (&String, &Shape)> {
        self.shapes.iter().filter(|(_, s)| s.kind == ShapeType::Service)
    }
}

/// The part of a shape ID after `#` (and before any `$member`).
pub fn shape_name(id: &str) -> &str {
    let name = id.rsplit_once('#').map_or(id, |(_, n)| n);
    name.split_once('$').map_or(name, |(n, _)| n)
}

/// The namespace of a shape ID (before `#`).
pub fn namespace(id: &str) -> &str {
    id.split_once('#').map_or("", |(ns, _)| ns)
}
