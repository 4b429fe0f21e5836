package xcot.pycompat;

import java.util.Map;
import java.util.Set;

/**
 * The names an {@code eval} call can see. The reference evaluates in two different scopes, and an unknown name fails
 * differently in each: {@link #RESTRICTED} is the {@code str(<expression>)} answer path
 * ({@code eval(expr, {"__builtins__": None}, {min, pow, round, abs, int, float, math, np, numpy})}), {@link #STANDARD}
 * is {@code check_correctness}'s plain {@code eval(answer)} with Python's builtins and the module's {@code np}.
 */
public enum PyEnvironment {
    RESTRICTED(Set.of("min", "pow", "round", "abs", "int", "float"), Map.of("math", "math", "np", "numpy", "numpy", "numpy")),
    STANDARD(Set.of("min", "max", "pow", "round", "abs", "int", "float"), Map.of("np", "numpy"));

    private final Set<String> functions;
    private final Map<String, String> modules;

    PyEnvironment(Set<String> functions, Map<String, String> modules) {
        this.functions = functions;
        this.modules = modules;
    }

    PyValue lookup(String name) throws PyError {
        if (functions.contains(name)) {
            return PyBuiltins.function(name);
        }
        String module = modules.get(name);
        if (module != null) {
            return new PyValue.PyModule(module);
        }
        if (this == RESTRICTED) {
            // With __builtins__ set to None, CPython 3.11 fails the builtins lookup by subscripting None.
            throw PyError.type("'NoneType' object is not subscriptable");
        }
        throw PyError.name(name);
    }
}
