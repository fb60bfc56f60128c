//! Shapes of the `smithy.api` prelude that models reference without defining.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::ast::{Shape, ShapeType};

const SIMPLE: &[(&str, ShapeType)] = &[
    ("String", ShapeType::String),
    ("Blob", ShapeType::Blob),
    ("BigInteger", ShapeType::BigInteger),
    ("BigDecimal", ShapeType::BigDecimal),
    ("Timestamp", ShapeType::Timestamp),
    ("Document", ShapeType::Document),
    ("Boolean", ShapeType::Boolean),
    ("Byte", ShapeType::Byte),
    ("Short", ShapeType::Short),
    ("Integer", ShapeType::Integer),
    ("Long", ShapeType::Long),
    ("Float", ShapeType::Float),
    ("Double", ShapeType::Double),
];

/// Prelude shapes that carry a zero `@default`, with a function building that default.
type Primitive = (&'static str, ShapeType, fn() -> Value);

const PRIMITIVE: &[Primitive] = &[
    ("PrimitiveBoolean", ShapeType::Boolean, || json!(false)),
    ("PrimitiveByte", ShapeType::Byte, || json!(0)),
    ("PrimitiveShort", ShapeType::Short, || json!(0)),
    ("PrimitiveInteger", ShapeType::Integer, || json!(0)),
    ("PrimitiveLong", ShapeType::Long, || json!(0)),
    ("PrimitiveFloat", ShapeType::Float, || json!(0)),
    ("PrimitiveDouble", ShapeType::Double, || json!(0)),
];

fn simple(kind: ShapeType, traits: BTreeMap<String, Value>) -> Shape {
    Shape { traits, ..Shape::empty(kind) }
}

/// The prelude shapes the generator needs to resolve targets, keyed by absolute shape ID.
pub fn shapes() -> impl Iterator<Item = (String, Shape)> {
    let simple_shapes = SIMPLE.iter().map(|(name, kind)| (format!("smithy.api#{name}"), simple(*kind, BTreeMap::new())));
    let primitives = PRIMITIVE.iter().map(|(name, kind, zero)| {
        let traits = BTreeMap::from([("smithy.api#default".to_string(), zero())]);
        (format!("smithy.api#{name}"), simple(*kind, traits))
    });
    let unit_traits = BTreeMap::from([("smithy.api#unitType".to_string(), json!({}))]);
    let unit = std::iter::once(("smithy.api#Unit".to_string(), simple(ShapeType::Structure, unit_traits)));
    simple_shapes.chain(primitives).chain(unit)
}
