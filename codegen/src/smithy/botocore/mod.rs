//! A second front end: botocore's `service-2.json` converted into the Smithy JSON AST, so that
//! everything after loading (apply, prelude, mixins, checks, validation, lowering, emitting) is
//! the same for both formats.
//!
//! botocore names shapes without a namespace; they are put in `com.amazonaws.<sdk id>`, the
//! namespace of most AWS Smithy models. The service shape is named after `metadata.targetPrefix`
//! for the JSON protocols (lowering sends the service shape's name as the `X-Amz-Target`
//! prefix) and after the `serviceId` otherwise.

mod members;
mod model;
mod operations;
mod protocol;
mod service;
mod shapes;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use super::ast::{ModelFile, Shape, ShapeType};
use crate::error::{Error, Result};
use model::{ServiceFile, TopLevel};
use protocol::WireProtocol;

/// Whether the text is a botocore model: it has `metadata`, `shapes` and `operations` at the top
/// level and no `smithy` version. Text that is not JSON is left to the Smithy parser to report.
pub fn is_botocore(json: &str) -> bool {
    serde_json::from_str::<TopLevel>(json).is_ok_and(|top| {
        top.smithy.is_none() && top.metadata.is_some() && top.shapes.is_some() && top.operations.is_some()
    })
}

/// Parses a botocore model and converts it into a Smithy 2.0 JSON AST document.
pub fn convert(json: &str) -> Result<ModelFile> {
    let deserializer = &mut serde_json::Deserializer::from_str(json);
    let file: ServiceFile = serde_path_to_error::deserialize(deserializer).map_err(|e| Error::Json {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })?;
    to_smithy(&file)
}

/// What every part of the conversion needs: the model, its namespace and protocol, and the
/// Smithy names of its shapes.
pub(crate) struct Context<'a> {
    pub file: &'a ServiceFile,
    pub namespace: String,
    pub protocol: WireProtocol,
    pub service_name: String,
    /// Shapes whose botocore name would clash in Smithy, by their new name (see [`renames`]).
    pub renamed: BTreeMap<String, String>,
    /// Every name in the namespace, lowercased: operations, the service and shapes.
    pub taken: BTreeSet<String>,
}

impl Context<'_> {
    /// The absolute Smithy shape ID of a botocore shape name.
    pub fn id(&self, name: &str) -> String {
        let local = self.renamed.get(name).map_or(name, String::as_str);
        format!("{}#{local}", self.namespace)
    }

    /// The absolute Smithy shape ID of a name that needs no renaming: an operation, the service, a
    /// shape made here.
    pub fn local_id(&self, name: &str) -> String {
        format!("{}#{name}", self.namespace)
    }
}

fn to_smithy(file: &ServiceFile) -> Result<ModelFile> {
    let protocol = protocol::choose(&file.metadata)?;
    let service_name = service::service_name(&file.metadata, protocol);
    let (renamed, taken) = renames(file, &service_name);
    let cx = Context { file, namespace: namespace(file), protocol, service_name, renamed, taken };
    let mut shapes = shapes::convert_all(&cx)?;
    operations::convert_all(&cx, &mut shapes)?;
    let (service_id, service) = service::service_shape(&cx);
    shapes.insert(service_id, service);
    Ok(ModelFile { smithy: "2.0".to_string(), metadata: BTreeMap::new(), shapes })
}

/// botocore keeps operations and shapes apart and compares names exactly; Smithy puts them in
/// one namespace where IDs must differ ignoring case. Operations and the service keep their
/// names (they are on the wire); a shape that clashes with one of them, or with a shape sorting
/// before it (`Boolean` before `boolean`), gets the first free `{name}2`, `{name}3`, ...
fn renames(file: &ServiceFile, service_name: &str) -> (BTreeMap<String, String>, BTreeSet<String>) {
    let mut taken: BTreeSet<String> = file.operations.keys().map(|n| n.to_ascii_lowercase()).collect();
    taken.insert(service_name.to_ascii_lowercase());
    let mut renamed = BTreeMap::new();
    for name in file.shapes.keys() {
        let mut local = name.clone();
        let mut n = 2;
        while taken.contains(&local.to_ascii_lowercase()) {
            local = format!("{name}{n}");
            n += 1;
        }
        taken.insert(local.to_ascii_lowercase());
        if local != *name {
            renamed.insert(name.clone(), local);
        }
    }
    (renamed, taken)
}

/// `com.amazonaws.` and the service ID in lowercase letters and digits (`IVS RealTime` →
/// `ivsrealtime`), else the endpoint prefix.
fn namespace(file: &ServiceFile) -> String {
    let metadata = &file.metadata;
    let source = metadata.service_id.as_deref().or(metadata.endpoint_prefix.as_deref()).unwrap_or("service");
    let mut name: String = source.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "service");
    }
    format!("com.amazonaws.{name}")
}

/// A shape of the given type with nothing in it yet.
pub(crate) fn blank(kind: ShapeType) -> Shape {
    Shape::empty(kind)
}
