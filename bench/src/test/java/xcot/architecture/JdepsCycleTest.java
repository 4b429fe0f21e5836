package xcot.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The JDK's own dependency analyser, independent of ArchUnit: {@code jdeps -verbose:package} over every module's
 * compiled classes, and a cycle search (Tarjan's strongly connected components) over the xcot packages it reports.
 * Run alone with {@code mvn -pl bench -am test -Dtest=JdepsCycleTest}.
 */
class JdepsCycleTest {
    static final List<String> MODULES = List.of("native", "core", "cli", "bench");

    @Test
    void jdepsFindsNoPackageCycle() {
        Map<String, Set<String>> graph = packageGraph();
        long edges = graph.values().stream().mapToLong(Set::size).sum();
        assertTrue(graph.size() > 25 && edges > 60, "jdeps reported too little to judge: " + graph.size()
                + " packages, " + edges + " edges");
        List<Set<String>> cycles = stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "package cycles");
    }

    /** xcot package → the xcot packages it depends on, as jdeps reports them. */
    static Map<String, Set<String>> packageGraph() {
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:none", "--multi-release", "25"));
        for (String module : MODULES) {
            Path classes = Path.of("..", module, "target", "classes").toAbsolutePath().normalize();
            assertTrue(Files.isDirectory(classes), classes + " is missing: build the modules first");
            args.add(classes.toString());
        }
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertEquals(0, rc, err.toString());
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().lines().toList()) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 3 && parts[1].equals("->") && parts[0].startsWith("xcot.")) {
                Set<String> targets = graph.computeIfAbsent(parts[0], k -> new TreeSet<>());
                if (parts[2].startsWith("xcot.") && !parts[2].equals(parts[0])) {
                    targets.add(parts[2]);
                }
            }
        }
        return graph;
    }

    /** Tarjan's algorithm, iterative over the sorted graph so the result is deterministic. */
    static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String root : graph.keySet()) {
            if (!index.containsKey(root)) {
                strongConnect(root, graph, index, low, stack, onStack, components, counter);
            }
        }
        return components;
    }

    private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> components,
            int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, components, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            components.add(component);
        }
    }

    @Test
    void theCycleSearchFindsACycleWhenThereIsOne() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of());
        assertEquals(List.of(Set.of("d"), Set.of("a", "b", "c")), stronglyConnected(new TreeMap<>(g)));
    }
}
