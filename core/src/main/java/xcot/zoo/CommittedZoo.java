package xcot.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import xcot.fixtures.CacheDirs;
import xcot.fixtures.Downloads;

/**
 * The zoo shipped with xcot: the five F16 models of {@code zoo.yaml} as class-path resources under
 * {@value #RESOURCE_DIR}, pinned by the {@code MANIFEST} beside them. llama.cpp loads files, so a model is extracted
 * once to {@code ${XCOT_CACHE}/zoo/<sha256>.gguf} (by atomic rename, safe for concurrent processes) and its digest
 * checked against the manifest, on extraction and once per JVM for a file already there.
 */
public final class CommittedZoo {
    public static final String RESOURCE_DIR = "/xcot/zoo/";
    public static final String MANIFEST = "MANIFEST";

    private static final Set<Path> VERIFIED = ConcurrentHashMap.newKeySet();

    private CommittedZoo() {}

    /** The manifest shipped with the models. */
    public static ZooManifest manifest() {
        return ZooManifest.parse(new String(resource(MANIFEST), StandardCharsets.UTF_8), RESOURCE_DIR + MANIFEST);
    }

    /** The committed models in {@code zoo.yaml} order, extracted. */
    public static List<ZooEvaluator.NamedModel> models() {
        return ZooConfig.committed().models().stream()
                .map(m -> new ZooEvaluator.NamedModel(m.name(), path(m.name())))
                .toList();
    }

    /**
     * The extracted file of model {@code name}.
     *
     * @throws IllegalArgumentException if the manifest does not list {@code <name>.gguf}
     * @throws IllegalStateException    if the shipped bytes do not match the manifest
     */
    public static Path path(String name) {
        String file = name + ".gguf";
        String sha256 = manifest().entry(file).orElseThrow(() -> new IllegalArgumentException(
                "the committed zoo has no " + file + " (see " + RESOURCE_DIR + MANIFEST + ")")).sha256();
        Path target = CacheDirs.root().resolve("zoo").resolve(sha256 + ".gguf");
        try {
            if (Files.isRegularFile(target)) {
                if (VERIFIED.contains(target) || Downloads.sha256(target).equals(sha256)) {
                    VERIFIED.add(target);
                    return target;
                }
            }
            byte[] bytes = resource(file);
            String actual = sha256(bytes);
            if (!actual.equals(sha256)) {
                throw new IllegalStateException(RESOURCE_DIR + file + " has sha256 " + actual + ", the manifest says "
                        + sha256);
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + name + "-", ".tmp");
            try {
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            VERIFIED.add(target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + file + " to " + target, e);
        }
    }

    private static byte[] resource(String file) {
        try (InputStream in = CommittedZoo.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE_DIR + file + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE_DIR + file, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
