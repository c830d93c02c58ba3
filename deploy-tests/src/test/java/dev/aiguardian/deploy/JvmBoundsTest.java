package dev.aiguardian.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The JVM bounds measured for the standalone jar reach every container: the image's {@code JAVA_BOUNDS} carries the
 * same values as {@code standalone/jvm.options}, and no deployment file restates or replaces them (they set
 * {@code JAVA_OPTS}, which the entrypoint passes after the bounds). scripts/compose-smoke.sh checks the running JVMs.
 */
class JvmBoundsTest {
    /** The bounds both carriers must agree on; the heap differs on purpose (fixed there, a share of memory here). */
    private static final List<String> SHARED = List.of("-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=", "-Xss",
            "-XX:TrimNativeHeapInterval=", "-XX:+ExitOnOutOfMemoryError");

    static Map<String, String> flags(List<String> words) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String w : words) {
            for (String name : SHARED) {
                if (w.startsWith(name)) {
                    out.put(name, w.substring(name.length()));
                }
            }
        }
        return out;
    }

    static List<String> imageBounds() throws IOException {
        Matcher m = Pattern.compile("JAVA_BOUNDS=\"([^\"]*)\"").matcher(Files.readString(Tools.ROOT.resolve("Dockerfile")));
        assertThat(m.find()).as("JAVA_BOUNDS=\"...\" in the Dockerfile").isTrue();
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }

    @Test
    void theImageCarriesTheStandaloneJarsBounds() throws IOException {
        List<String> options = Files.readAllLines(Tools.ROOT.resolve("standalone/jvm.options")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        Map<String, String> standalone = flags(options);
        assertThat(standalone.keySet()).as("every shared bound is in standalone/jvm.options").containsExactlyInAnyOrderElementsOf(SHARED);
        assertThat(flags(imageBounds())).isEqualTo(standalone);
    }

    @Test
    void theEntrypointPassesTheBoundsBeforeTheDeploymentsOptions() throws IOException {
        String entrypoint = Files.readString(Tools.ROOT.resolve("deploy/docker/entrypoint.sh"));
        assertThat(entrypoint).containsPattern("exec java \\$aot_opts \\$\\{JAVA_BOUNDS:-} \\$\\{JAVA_OPTS:-} -jar ");
        String training = Files.readString(Tools.ROOT.resolve("deploy/docker/aot-train.sh"));
        assertThat(training.split("\\$\\{JAVA_BOUNDS:-} \\$\\{JAVA_OPTS:-}", -1)).as("training and its check run with both").hasSize(3);
    }

    @Test
    void noDeploymentFileReplacesTheBoundsOrRestatesThem() throws IOException {
        List<Path> files;
        try (Stream<Path> deploy = Files.walk(Tools.ROOT.resolve("deploy"))) {
            files = Stream.concat(deploy.filter(Files::isRegularFile)
                            .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")),
                    Stream.of(Tools.ROOT.resolve("docker-compose.yml"), Tools.ROOT.resolve("docker-compose.prod.yml")))
                    .collect(Collectors.toList());
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(text).as(f + " sets JAVA_BOUNDS: the image's bounds are for every deployment").doesNotContain("JAVA_BOUNDS");
            for (String name : SHARED) {
                assertThat(text).as(f + " restates " + name + ": change it in the Dockerfile and jvm.options").doesNotContain(name);
            }
        }
    }
}
