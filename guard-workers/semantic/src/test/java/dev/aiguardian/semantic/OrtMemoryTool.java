package dev.aiguardian.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

/**
 * Resident memory an ONNX Runtime session of the model adds, per session option, each in a JVM of its own (glibc
 * keeps what one variant freed, so two in one process would blur each other), alternated. Opt-in:
 * {@code mvn -B -ntp -q -o -pl guard-workers/semantic -am test -Dtest=OrtMemoryTool -Dbench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; prints to {@code target/surefire-reports/*OrtMemoryTool-output.txt}.
 */
@Tag("tool")
class OrtMemoryTool {
    private static final String[] VARIANTS = {"arena", "device-initializers", "no-arena", "no-prepacking"};

    @Test
    void residentMemoryPerVariant() throws Exception {
        Map<String, String> vectors = new HashMap<>();
        for (int round = 1; round <= 2; round++) {
            for (String variant : VARIANTS) {
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        OrtMemoryTool.class.getName(), variant).redirectErrorStream(true).start();
                List<String> lines = new String(p.getInputStream().readAllBytes()).lines()
                        .filter(l -> l.startsWith("variant") || l.startsWith("vector")).toList();
                assertThat(p.waitFor()).isZero();
                System.out.println("round " + round + " " + lines.get(0));
                vectors.put(variant, lines.get(1));
            }
        }
        // The options move memory, not results: every variant gives the same vector.
        assertThat(new ArrayList<>(vectors.values())).allMatch(v -> v.equals(vectors.get("arena")));
    }

    /** One variant: RSS after a full collection and malloc_trim, before the session, after it, after 200 runs. */
    public static void main(String[] args) throws Exception {
        byte[] model;
        try (InputStream in = OrtMemoryTool.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-q.onnx")) {
            model = in.readAllBytes();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long before = settledRss();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        switch (args[0]) {
            case "device-initializers" -> options.addConfigEntry("session.use_device_allocator_for_initializers", "1");
            case "no-arena" -> options.setCPUArenaAllocator(false);
            case "no-prepacking" -> options.addConfigEntry("session.disable_prepacking", "1");
            default -> { }
        }
        OrtSession session = env.createSession(model, options);
        model = null;
        long loaded = settledRss();
        long[][] ids = new long[1][64];
        long[][] mask = new long[1][64];
        for (int i = 0; i < 64; i++) {
            ids[0][i] = 1000 + i * 7;
            mask[0][i] = 1;
        }
        float first = 0;
        for (int k = 0; k < 200; k++) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("input_ids", OnnxTensor.createTensor(env, ids));
            in.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (session.getInputNames().contains("token_type_ids")) {
                in.put("token_type_ids", OnnxTensor.createTensor(env, new long[1][64]));
            }
            try (OrtSession.Result r = session.run(in)) {
                if (k == 0) {
                    first = ((float[][][]) r.get(0).getValue())[0][0][0];
                }
            }
            in.values().forEach(OnnxTensor::close);
        }
        long ran = settledRss();
        System.out.printf("variant %-20s session +%d MiB, after 200 runs +%d MiB%n", args[0], loaded - before, ran - before);
        System.out.println("vector " + first);
    }

    private static long settledRss() throws IOException, InterruptedException {
        System.gc();
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(ProcessHandle.current().pid()), "System.trim_native_heap")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
