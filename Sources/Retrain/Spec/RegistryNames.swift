import ModelStore

/// Registry names for the models a job trains, in ModelStore's rules.
public enum RegistryNames {
    /// True when `name` is a valid registry name.
    public static func isValid(_ name: String) -> Bool {
        (try? ModelReference.validateName(name)) != nil
    }

    /// The registry name of model `model` for `tenant`: `MODEL-TENANT`, lowercased, other characters as `-`.
    public static func perTenant(_ model: String, tenant: String) -> String {
        let cleaned = tenant.lowercased().map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "_") ? character : "-"
        }
        return String("\(model)-\(String(cleaned))".prefix(ModelReference.maximumLength))
    }
}
