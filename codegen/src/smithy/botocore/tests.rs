//! Each botocore key's Smithy trait, on small hand-written models.

use serde_json::{json, Value};

use super::{convert, is_botocore};
use crate::smithy::ast::{ModelFile, Shape, ShapeType};

const NS: &str = "com.amazonaws.example";

/// A botocore model of one service with the given metadata, operations and shapes.
fn model(metadata: Value, operations: Value, shapes: Value) -> String {
    let mut meta = json!({"apiVersion": "2024-01-01", "endpointPrefix": "example", "serviceId": "Example", "signatureVersion": "v4"});
    if let (Some(base), Some(extra)) = (meta.as_object_mut(), metadata.as_object()) {
        base.extend(extra.clone());
    }
    json!({"version": "2.0", "metadata": meta, "operations": operations, "shapes": shapes}).to_string()
}

fn rest_json(operations: Value, shapes: Value) -> ModelFile {
    converted(&model(json!({"protocol": "rest-json"}), operations, shapes))
}

fn converted(text: &str) -> ModelFile {
    match convert(text) {
        Ok(file) => file,
        Err(e) => panic!("conversion failed: {e}"),
    }
}

fn shape<'a>(file: &'a ModelFile, name: &str) -> &'a Shape {
    match file.shapes.get(&format!("{NS}#{name}")) {
        Some(shape) => shape,
        None => panic!("no shape {name}; have {:?}", file.shapes.keys().collect::<Vec<_>>()),
    }
}

fn member_traits(file: &ModelFile, owner: &str, member: &str) -> Value {
    let shape = shape(file, owner);
    let found = shape.members.iter().find(|(n, _)| n == member).map(|(_, m)| m.traits.clone()).unwrap_or_default();
    serde_json::to_value(found).unwrap_or_default()
}

fn traits(file: &ModelFile, name: &str) -> Value {
    serde_json::to_value(&shape(file, name).traits).unwrap_or_default()
}

fn service(file: &ModelFile) -> (&String, &Shape) {
    match file.shapes.iter().find(|(_, s)| s.kind == ShapeType::Service) {
        Some(found) => found,
        None => panic!("no service shape"),
    }
}

#[test]
fn detection_tells_botocore_from_smithy() {
    assert!(is_botocore(&model(json!({"protocol": "json", "jsonVersion": "1.0"}), json!({}), json!({}))));
    assert!(!is_botocore(r#"{"smithy": "2.0", "shapes": {}}"#));
    assert!(!is_botocore(r#"{"smithy": "2.0", "metadata": {}, "shapes": {}, "operations": {}}"#));
    assert!(!is_botocore(r#"{"metadata": {}, "shapes": {}}"#));
    assert!(!is_botocore("not json"));
}

#[test]
fn rest_json_bindings_become_http_traits() {
    let file = rest_json(
        json!({"GetThing": {"name": "GetThing", "http": {"method": "GET", "requestUri": "/things/{thingId}/parts/{Path+}?view=full", "responseCode": 201},
            "input": {"shape": "GetThingRequest"}, "output": {"shape": "GetThingResponse"}}}),
        json!({
            "GetThingRequest": {"type": "structure", "required": ["id"], "members": {
                "id": {"shape": "String", "location": "uri", "locationName": "thingId"},
                "path": {"shape": "String", "location": "uri", "locationName": "Path"},
                "limit": {"shape": "Integer", "location": "querystring", "locationName": "max-items"},
                "filters": {"shape": "Tags", "location": "querystring"},
                "token": {"shape": "String", "location": "header", "locationName": "X-Token"},
                "meta": {"shape": "Tags", "location": "headers", "locationName": "x-meta-"},
                "bodyName": {"shape": "String", "locationName": "body_name"}}},
            "GetThingResponse": {"type": "structure", "members": {
                "status": {"shape": "Integer", "location": "statusCode"},
                "data": {"shape": "Blob"}}, "payload": "data"},
            "String": {"type": "string"}, "Integer": {"type": "integer"}, "Blob": {"type": "blob"},
            "Tags": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}}
        }),
    );
    let op = shape(&file, "GetThing");
    assert_eq!(op.traits["smithy.api#http"], json!({"method": "GET", "uri": "/things/{id}/parts/{path+}?view=full", "code": 201}));
    assert_eq!(member_traits(&file, "GetThingRequest", "id"), json!({"smithy.api#httpLabel": {}, "smithy.api#required": {}}));
    assert_eq!(member_traits(&file, "GetThingRequest", "path"), json!({"smithy.api#httpLabel": {}, "smithy.api#required": {}}));
    assert_eq!(member_traits(&file, "GetThingRequest", "limit"), json!({"smithy.api#httpQuery": "max-items"}));
    assert_eq!(member_traits(&file, "GetThingRequest", "filters"), json!({"smithy.api#httpQueryParams": {}}));
    assert_eq!(member_traits(&file, "GetThingRequest", "token"), json!({"smithy.api#httpHeader": "X-Token"}));
    assert_eq!(member_traits(&file, "GetThingRequest", "meta"), json!({"smithy.api#httpPrefixHeaders": "x-meta-"}));
    assert_eq!(member_traits(&file, "GetThingRequest", "bodyName"), json!({"smithy.api#jsonName": "body_name"}));
    assert_eq!(member_traits(&file, "GetThingResponse", "status"), json!({"smithy.api#httpResponseCode": {}}));
    assert_eq!(member_traits(&file, "GetThingResponse", "data"), json!({"smithy.api#httpPayload": {}}));
    assert_eq!(traits(&file, "GetThingRequest"), json!({"smithy.api#input": {}}));
    assert_eq!(traits(&file, "GetThingResponse"), json!({"smithy.api#output": {}}));
}

#[test]
fn metadata_becomes_the_service_shape() {
    let text = model(
        json!({"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Example_20240101", "serviceId": "Example Thing",
            "signingName": "exthing", "serviceFullName": "Example Thing Service", "awsQueryCompatible": {}}),
        json!({"Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}}}),
        json!({}),
    );
    let file = converted(&text);
    let (id, service) = service(&file);
    assert_eq!(id, "com.amazonaws.examplething#Example_20240101");
    assert_eq!(service.version.as_deref(), Some("2024-01-01"));
    let traits = serde_json::to_value(&service.traits).unwrap_or_default();
    assert_eq!(
        traits,
        json!({
            "aws.api#service": {"sdkId": "Example Thing", "endpointPrefix": "example"},
            "aws.auth#sigv4": {"name": "exthing"},
            "aws.protocols#awsJson1_1": {},
            "aws.protocols#awsQueryCompatible": {},
            "smithy.api#title": "Example Thing Service"
        })
    );
    // RPC protocols do not get `@http`.
    let op = &file.shapes["com.amazonaws.examplething#Ping"];
    assert!(!op.traits.contains_key("smithy.api#http"));
}

#[test]
fn xml_names_namespaces_and_flattening() {
    let text = model(
        json!({"protocol": "rest-xml"}),
        json!({"Put": {"name": "Put", "http": {"method": "PUT", "requestUri": "/{Bucket}"},
            "input": {"shape": "PutRequest", "locationName": "PutRoot", "xmlNamespace": {"uri": "urn:example"}}}}),
        json!({
            "PutRequest": {"type": "structure", "required": ["Bucket"], "members": {
                "Bucket": {"shape": "Name", "location": "uri", "locationName": "Bucket"},
                "Items": {"shape": "ItemList", "locationName": "Item"},
                "Kind": {"shape": "Name", "locationName": "kind", "xmlAttribute": true,
                    "xmlNamespace": {"prefix": "xsi", "uri": "urn:xsi"}}}},
            "ItemList": {"type": "list", "member": {"shape": "Name", "locationName": "Entry"}, "flattened": true},
            "Name": {"type": "string", "min": 1, "max": 63}
        }),
    );
    let file = converted(&text);
    assert_eq!(traits(&file, "PutRequest"), json!({"smithy.api#input": {}, "smithy.api#xmlName": "PutRoot", "smithy.api#xmlNamespace": {"uri": "urn:example"}}));
    assert_eq!(member_traits(&file, "PutRequest", "Items"), json!({"smithy.api#xmlName": "Item", "smithy.api#xmlFlattened": {}}));
    assert_eq!(
        member_traits(&file, "PutRequest", "Kind"),
        json!({"smithy.api#xmlName": "kind", "smithy.api#xmlAttribute": {}, "smithy.api#xmlNamespace": {"prefix": "xsi", "uri": "urn:xsi"}})
    );
    let list = shape(&file, "ItemList");
    let list_member = list.member.as_ref().map(|m| serde_json::to_value(&m.traits).unwrap_or_default());
    assert_eq!(list_member, Some(json!({"smithy.api#xmlName": "Entry"})));
    assert_eq!(traits(&file, "Name"), json!({"smithy.api#length": {"min": 1, "max": 63}}));
}

#[test]
fn ec2_query_names() {
    let text = model(
        json!({"protocol": "ec2"}),
        json!({"Describe": {"name": "Describe", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "DescribeRequest"}}}),
        json!({
            "DescribeRequest": {"type": "structure", "members": {
                "ids": {"shape": "String", "locationName": "instanceId", "queryName": "InstanceId"}}},
            "String": {"type": "string"}
        }),
    );
    let file = converted(&text);
    assert_eq!(member_traits(&file, "DescribeRequest", "ids"), json!({"smithy.api#xmlName": "instanceId", "aws.protocols#ec2QueryName": "InstanceId"}));
}

#[test]
fn shape_kinds_and_constraints() {
    let file = rest_json(
        json!({}),
        json!({
            "Color": {"type": "string", "enum": ["red", "dark-blue", "red"], "pattern": "^[a-z-]+$"},
            "Choice": {"type": "structure", "union": true, "members": {"a": {"shape": "Color"}}},
            "Events": {"type": "structure", "eventstream": true, "members": {"tick": {"shape": "Tick"}}},
            "Tick": {"type": "structure", "event": true, "members": {"body": {"shape": "Bytes", "eventpayload": true}}},
            "Anything": {"type": "structure", "document": true, "members": {}},
            "Bytes": {"type": "blob", "streaming": true, "requiresLength": true},
            "Count": {"type": "integer", "min": 1, "max": 10},
            "Ratio": {"type": "double", "min": 0.5},
            "When": {"type": "timestamp", "timestampFormat": "iso8601"},
            "Secret": {"type": "string", "sensitive": true, "deprecated": true, "deprecatedMessage": "use another", "documentation": "<p>Kept.</p>"}
        }),
    );
    assert_eq!(shape(&file, "Color").kind, ShapeType::String);
    assert_eq!(traits(&file, "Color"), json!({"smithy.api#enum": [{"value": "red"}, {"value": "dark-blue"}], "smithy.api#pattern": "^[a-z-]+$"}));
    assert_eq!(shape(&file, "Choice").kind, ShapeType::Union);
    assert_eq!(shape(&file, "Events").kind, ShapeType::Union);
    assert_eq!(traits(&file, "Events"), json!({"smithy.api#streaming": {}}));
    assert_eq!(member_traits(&file, "Tick", "body"), json!({"smithy.api#eventPayload": {}}));
    assert_eq!(shape(&file, "Anything").kind, ShapeType::Document);
    assert_eq!(traits(&file, "Bytes"), json!({"smithy.api#streaming": {}, "smithy.api#requiresLength": {}}));
    assert_eq!(traits(&file, "Count"), json!({"smithy.api#range": {"min": 1, "max": 10}}));
    assert_eq!(traits(&file, "Ratio"), json!({"smithy.api#range": {"min": 0.5}}));
    assert_eq!(traits(&file, "When"), json!({"smithy.api#timestampFormat": "date-time"}));
    assert_eq!(
        traits(&file, "Secret"),
        json!({"smithy.api#sensitive": {}, "smithy.api#deprecated": {"message": "use another"}, "smithy.api#documentation": "<p>Kept.</p>"})
    );
}

#[test]
fn errors_get_error_http_error_and_query_codes() {
    let file = rest_json(
        json!({}),
        json!({
            "BadInput": {"type": "structure", "members": {}, "exception": true, "error": {"code": "Bad.Input", "httpStatusCode": 400, "senderFault": true}},
            "Broken": {"type": "structure", "members": {}, "exception": true, "fault": true, "error": {"httpStatusCode": 503}},
            "SlowDown": {"type": "structure", "members": {}, "exception": true, "retryable": {"throttling": true}, "error": {"httpStatusCode": 429}}
        }),
    );
    assert_eq!(
        traits(&file, "BadInput"),
        json!({"smithy.api#error": "client", "smithy.api#httpError": 400, "aws.protocols#awsQueryError": {"code": "Bad.Input", "httpResponseCode": 400}})
    );
    assert_eq!(traits(&file, "Broken"), json!({"smithy.api#error": "server", "smithy.api#httpError": 503}));
    assert_eq!(traits(&file, "SlowDown"), json!({"smithy.api#error": "client", "smithy.api#httpError": 429, "smithy.api#retryable": {"throttling": true}}));
}

#[test]
fn member_flags_and_operation_traits() {
    let file = rest_json(
        json!({"Send": {"name": "Send", "http": {"method": "POST", "requestUri": "/send"}, "input": {"shape": "SendRequest"},
            "output": {"shape": "SendResponse"},
            "endpoint": {"hostPrefix": "{Route}."}, "httpChecksumRequired": true, "authtype": "none",
            "deprecated": true, "idempotent": true}}),
        json!({
            "SendRequest": {"type": "structure", "required": ["Route"], "members": {
                "Route": {"shape": "String", "location": "header", "locationName": "x-route", "hostLabel": true},
                "Token": {"shape": "String", "idempotencyToken": true},
                "When": {"shape": "Time", "timestampFormat": "unixTimestamp", "deprecated": true, "deprecatedMessage": "gone"},
                "Policy": {"shape": "String", "location": "header", "locationName": "x-policy", "jsonvalue": true}}},
            "SendResponse": {"type": "structure", "members": {"Body": {"shape": "Bytes", "streaming": true}}, "payload": "Body"},
            "String": {"type": "string"}, "Time": {"type": "timestamp"}, "Bytes": {"type": "blob"}
        }),
    );
    let op = serde_json::to_value(&shape(&file, "Send").traits).unwrap_or_default();
    assert_eq!(op["smithy.api#endpoint"], json!({"hostPrefix": "{Route}."}));
    assert_eq!(op["smithy.api#httpChecksumRequired"], json!({}));
    assert_eq!(op["smithy.api#auth"], json!([]));
    assert_eq!(op["smithy.api#deprecated"], json!({}));
    assert_eq!(op["smithy.api#idempotent"], json!({}));
    assert_eq!(
        member_traits(&file, "SendRequest", "Route"),
        json!({"smithy.api#httpHeader": "x-route", "smithy.api#hostLabel": {}, "smithy.api#required": {}})
    );
    assert_eq!(member_traits(&file, "SendRequest", "Token"), json!({"smithy.api#idempotencyToken": {}}));
    assert_eq!(
        member_traits(&file, "SendRequest", "When"),
        json!({"smithy.api#timestampFormat": "epoch-seconds", "smithy.api#deprecated": {"message": "gone"}})
    );
    // Member-level `jsonvalue` and `streaming` land on copies of the target, where Smithy reads them.
    let policy = shape(&file, "SendRequest").members.iter().find(|(n, _)| n == "Policy").map(|(_, m)| m.target.clone());
    assert_eq!(policy.as_deref(), Some("com.amazonaws.example#JsonString"));
    assert_eq!(traits(&file, "JsonString"), json!({"smithy.api#mediaType": "application/json"}));
    let body = shape(&file, "SendResponse").members.iter().find(|(n, _)| n == "Body").map(|(_, m)| m.target.clone());
    assert_eq!(body.as_deref(), Some("com.amazonaws.example#StreamingBytes"));
    assert_eq!(traits(&file, "StreamingBytes"), json!({"smithy.api#streaming": {}}));
}

#[test]
fn a_shared_input_is_not_marked_input() {
    let file = rest_json(
        json!({"A": {"name": "A", "http": {"method": "POST", "requestUri": "/a"}, "input": {"shape": "Shared"}},
               "B": {"name": "B", "http": {"method": "POST", "requestUri": "/b"}, "input": {"shape": "Shared"}}}),
        json!({"Shared": {"type": "structure", "members": {}}}),
    );
    assert_eq!(traits(&file, "Shared"), json!({}));
}

#[test]
fn bad_values_are_typed_errors_naming_shape_and_member() {
    let shapes = json!({"In": {"type": "structure", "members": {"x": {"shape": "S", "location": "cookie"}}}, "S": {"type": "string"}});
    let text = model(json!({"protocol": "rest-json"}), json!({}), shapes);
    let error = convert(&text).map(|_| ()).map_err(|e| e.to_string());
    assert_eq!(
        error,
        Err("botocore shape `In` member `x`: `location` is `cookie`, which botocore does not define (expected uri, querystring, header, headers or statusCode)".to_string())
    );
    let shapes = json!({"In": {"type": "structure", "required": ["y"], "members": {}}});
    let text = model(json!({"protocol": "rest-json"}), json!({}), shapes);
    let error = convert(&text).map(|_| ()).map_err(|e| e.to_string());
    assert_eq!(error, Err("botocore shape `In`: `required` names `y`, which is not a member of the shape".to_string()));
    let text = model(json!({"protocol": "rest-json"}), json!({}), json!({"Odd": {"type": "tuple"}}));
    let error = convert(&text).map(|_| ()).map_err(|e| e.to_string());
    assert_eq!(error, Err("botocore shape `Odd` has type `tuple`, which is not a botocore shape type".to_string()));
}

#[test]
fn names_that_differ_only_in_case_are_made_unique() {
    let file = rest_json(
        json!({"Thing": {"name": "Thing", "http": {"method": "GET", "requestUri": "/"}, "input": {"shape": "In"}}}),
        json!({
            "In": {"type": "structure", "members": {"a": {"shape": "boolean"}, "b": {"shape": "Boolean"}, "c": {"shape": "thing"}}},
            "Boolean": {"type": "boolean"}, "boolean": {"type": "boolean"}, "thing": {"type": "string"}
        }),
    );
    let targets: Vec<&str> = shape(&file, "In").members.iter().map(|(_, m)| m.target.as_str()).collect();
    assert_eq!(targets, [format!("{NS}#boolean2"), format!("{NS}#Boolean"), format!("{NS}#thing2")]);
    assert_eq!(shape(&file, "Thing").kind, ShapeType::Operation);
}

#[test]
fn a_deprecated_member_sharing_its_xml_element_with_another_is_left_out() {
    let text = model(
        json!({"protocol": "rest-xml"}),
        json!({}),
        json!({
            "Config": {"type": "structure", "members": {
                "Event": {"shape": "Name", "deprecated": true},
                "Events": {"shape": "Names", "locationName": "Event"},
                "Id": {"shape": "Name"}}},
            "Names": {"type": "list", "member": {"shape": "Name"}, "flattened": true},
            "Name": {"type": "string"}
        }),
    );
    let file = converted(&text);
    let names: Vec<&str> = shape(&file, "Config").members.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Events", "Id"]);
}

#[test]
fn auth_lists_become_auth_traits() {
    let text = model(
        json!({"protocol": "rest-json", "auth": ["smithy.api#httpBearerAuth", "aws.auth#sigv4"]}),
        json!({
            "Open": {"name": "Open", "http": {"method": "GET", "requestUri": "/open"}, "auth": ["aws.auth#sigv4", "smithy.api#noAuth"]},
            "Token": {"name": "Token", "http": {"method": "POST", "requestUri": "/token"}, "auth": ["smithy.api#noAuth"]},
            "Plain": {"name": "Plain", "http": {"method": "GET", "requestUri": "/plain"}}
        }),
        json!({}),
    );
    let file = converted(&text);
    let service = file.shapes.values().find(|s| s.kind == ShapeType::Service).expect("a service shape");
    let service = serde_json::to_value(&service.traits).unwrap_or_default();
    assert_eq!(service["smithy.api#httpBearerAuth"], json!({}));
    assert_eq!(service["aws.auth#sigv4"], json!({"name": "example"}));
    assert_eq!(service["smithy.api#auth"], json!(["smithy.api#httpBearerAuth", "aws.auth#sigv4"]));
    let op = |name: &str| serde_json::to_value(&shape(&file, name).traits).unwrap_or_default();
    assert_eq!(op("Open")["smithy.api#auth"], json!(["aws.auth#sigv4"]));
    assert_eq!(op("Open")["smithy.api#optionalAuth"], json!({}));
    assert_eq!(op("Token")["smithy.api#auth"], json!([]));
    assert_eq!(op("Plain").get("smithy.api#auth"), None);
}
