import XunchaCore

/// Which stored fields a set of entities leaves at their empty value in every instance: an
/// optional that is always nil, a list that is always empty, a flag that is always false. A
/// round-trip test whose fixture leaves a field unset cannot notice that the store drops it, so
/// the fixture must set every field somewhere; a new field fails the test until it does.
enum FieldCoverage {
    static func unset(_ values: [Any], path: String = "") -> [String] {
        var byLabel: [String: [Any]] = [:]
        var order: [String] = []
        for value in values {
            for child in Mirror(reflecting: value).children {
                guard let label = child.label else { continue }
                if byLabel[label] == nil { order.append(label) }
                byLabel[label, default: []].append(child.value)
            }
        }
        var out: [String] = []
        for label in order {
            let name = path.isEmpty ? label : path + "." + label
            let present = (byLabel[label] ?? []).compactMap(unwrapped)
            if present.isEmpty || present.allSatisfy({ ($0 as? Bool) == false }) {
                out.append(name)
                continue
            }
            // Lists and nested values: walk their elements' fields too.
            let elements = present.flatMap { v -> [Any] in
                let m = Mirror(reflecting: v)
                return m.displayStyle == .collection ? m.children.map(\.value) : [v]
            }
            if elements.contains(where: { Mirror(reflecting: $0).displayStyle == .struct }) {
                out += unset(elements, path: name)
            }
        }
        return out
    }

    /// The value inside an optional, nil for none, nil for an empty collection.
    static func unwrapped(_ value: Any) -> Any? {
        let m = Mirror(reflecting: value)
        switch m.displayStyle {
        case .optional: return m.children.first.flatMap { unwrapped($0.value) }
        case .collection, .set, .dictionary: return m.children.isEmpty ? nil : value
        default: return value
        }
    }
}
