package dev.aiguardian.deploy.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

import dev.aiguardian.deploy.Tools;

/**
 * scripts/deploy.sh and scripts/push-all-to-ecr.sh run for real, against STUB {@code aws} and {@code docker}
 * commands first on PATH (src/test/resources/stubs: they record each call and answer canned output; no AWS here).
 * Asserts the sequence and arguments of the calls of every subcommand, what was sent in files, and that no secret
 * value reaches the output.
 */
class DeployScriptsTest {
    static final Path ROOT = EcsDefinitionsTest.ROOT;
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:codeguardians-gateway/production-AbCdEf";
    static final String DB_PASSWORD = "db-pass-Zq81xK";
    static final List<String> ORDER = List.of("biasguard", "healthguard", "tokenguard", "topology", "trustguard", "gateway");

    @TempDir
    Path tmp;
    Path log;
    Path files;
    Path responses;
    Map<String, String> env;

    record Run(int exit, String out, String err, List<List<String>> calls) {
        List<String> ops() {
            return calls.stream().map(c -> String.join(" ", c.subList(0, Math.min(3, c.size())))).toList();
        }
    }

    @BeforeEach
    void stubs() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("aws", "docker")) {
            try (InputStream in = getClass().getResourceAsStream("/stubs/" + tool)) {
                Files.copy(in, bin.resolve(tool));
            }
            bin.resolve(tool).toFile().setExecutable(true);
        }
        log = tmp.resolve("calls.log");
        Files.createFile(log);
        files = Files.createDirectories(tmp.resolve("files"));
        responses = Files.createDirectories(tmp.resolve("responses"));
        env = new HashMap<>();
        // The stubs first: the real AWS CLI is on this machine's PATH too.
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("STUB_LOG", log.toString());
        env.put("STUB_FILES", files.toString());
        env.put("STUB_RESPONSES", responses.toString());
        env.put("AWS_ACCOUNT_ID", ACCOUNT);
        env.put("AWS_REGION", REGION);
        env.put("TAG", "abc123def456");
    }

    @Test
    void missingAccountOrRegionIsOneLineAndExitStatus2() throws Exception {
        for (String var : List.of("AWS_ACCOUNT_ID", "AWS_REGION")) {
            env.remove(var);
            for (List<String> cmd : List.of(List.of("scripts/deploy.sh", "prod"), List.of("scripts/deploy.sh", "status"),
                    List.of("scripts/deploy.sh", "setup-secrets"), List.of("scripts/push-all-to-ecr.sh"))) {
                Run r = run(cmd.toArray(String[]::new));
                assertThat(r.exit()).as("%s without %s", cmd, var).isEqualTo(2);
                assertThat(r.err().strip().lines()).as("%s", cmd).hasSize(1).first().asString().contains(var + " is not set");
                assertThat(r.calls()).isEmpty();
            }
            env.put(var, var.equals("AWS_REGION") ? REGION : ACCOUNT);
        }
    }

    @Test
    void usageErrorsAndHelp() throws Exception {
        Run bad = run("scripts/deploy.sh", "deploy-everything");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("usage: deploy.sh setup-secrets|setup-iam|prod|rollback [REVISION]|status");
        assertThat(run("scripts/deploy.sh").exit()).isEqualTo(2);
        Run help = run("scripts/deploy.sh", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("rollback [REVISION]").contains("--dry-run");
        assertThat(run("scripts/push-all-to-ecr.sh", "--bogus").exit()).isEqualTo(2);
    }

    @Test
    void pushCreatesTheRepositoryBuildsLogsInAndPushes() throws Exception {
        respond("ecr.describe-repositories", "", 254);
        respond("ecr.describe-images", "", 254);
        Run r = run("scripts/push-all-to-ecr.sh");
        assertThat(r.exit()).as(r.err()).isZero();
        String image = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/aiguardian:abc123def456";
        // `aws ecr get-login-password | docker login` is one pipeline: both run at once, so either may record first.
        assertThat(r.ops().subList(0, 4)).containsExactly("aws ecr describe-repositories", "aws ecr create-repository",
                "aws ecr describe-images", "docker build -t");
        assertThat(r.ops().subList(4, 6)).containsExactlyInAnyOrder("aws ecr get-login-password",
                "docker login --username");
        assertThat(r.ops().subList(6, r.ops().size())).containsExactly("docker tag aiguardian:abc123def456",
                "docker push " + image);
        assertThat(r.calls().get(1)).containsSubsequence("--repository-name", "aiguardian")
                .containsSubsequence("--image-tag-mutability", "IMMUTABLE").contains("scanOnPush=true");
        assertThat(r.calls().get(3)).endsWith(ROOT.toString()).contains("aiguardian:abc123def456");
        assertThat(r.calls()).filteredOn(c -> c.get(0).equals("docker") && c.get(1).equals("login")).hasSize(1)
                .first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly("docker", "login", "--username", "AWS", "--password-stdin",
                ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com");
        assertThat(Files.readString(files.resolve("docker-login-stdin")).strip()).isEqualTo("stub-ecr-password");
        assertThat(r.calls().get(6)).containsExactly("docker", "tag", "aiguardian:abc123def456", image);
        assertThat(r.out()).contains("pushed " + image).doesNotContain("stub-ecr-password");
    }

    @Test
    void pushLeavesATagThatIsInEcrAlready() throws Exception {
        respond("ecr.describe-repositories", "123.dkr.ecr/aiguardian", 0);
        respond("ecr.describe-images", "sha256:1234", 0);
        Run r = run("scripts/push-all-to-ecr.sh");
        assertThat(r.exit()).isZero();
        assertThat(r.ops()).containsExactly("aws ecr describe-repositories", "aws ecr describe-images");
        assertThat(r.out()).contains("nothing to push");
    }

    @Test
    void pushDryRunPrintsEveryCallAndRunsNone() throws Exception {
        Run r = run("scripts/push-all-to-ecr.sh", "--dry-run");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.calls()).isEmpty();
        String registry = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com";
        assertThat(r.out()).contains("+ aws ecr describe-repositories --repository-names aiguardian")
                .contains("+ aws ecr create-repository --repository-name aiguardian --image-tag-mutability IMMUTABLE")
                .contains("+ docker build -t aiguardian:abc123def456")
                .contains("+ aws ecr get-login-password --region " + REGION
                        + " | docker login --username AWS --password-stdin " + registry)
                .contains("+ docker push " + registry + "/aiguardian:abc123def456");
    }

    @Test
    void setupSecretsCreatesTheSecretFromAFileAndNeverPrintsAValue() throws Exception {
        newSecretSettings();
        env.put("ALLOWED_ORIGINS", "https://app.example");
        Run r = run("scripts/deploy.sh", "setup-secrets");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.ops()).containsExactly("aws secretsmanager describe-secret", "aws secretsmanager create-secret");
        List<String> create = r.calls().get(1);
        assertThat(create).containsSubsequence("--name", "codeguardians-gateway/production")
                .containsSubsequence("--region", REGION);
        String fileArg = create.get(create.indexOf("--secret-string") + 1);
        assertThat(fileArg).startsWith("file://");
        JsonNode secret = new ObjectMapper().readTree(sentFile(2, fileArg).toFile());

        assertThat(secret.get("DATABASE_URL").asText()).isEqualTo(env.get("DATABASE_URL"));
        assertThat(secret.get("REDIS_URL").asText()).isEqualTo(env.get("REDIS_URL"));
        assertThat(secret.get("ALLOWED_ORIGINS").asText()).isEqualTo("https://app.example");
        assertThat(secret.has("ALLOWED_HOSTS")).isFalse();
        assertThat(secret.get("SECRET_KEY").asText()).matches("[A-Za-z0-9]{64}");
        assertThat(secret.get("UNIFIED_API_KEY").asText()).matches("[A-Za-z0-9]{48}");
        String webhook = secret.get("WEBHOOK_SECRET").asText();
        assertThat(webhook).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(webhook.substring(6))).hasSize(32);
        // Not one value in the output or on any command line.
        String everything = r.out() + r.err() + Files.readString(log);
        for (String value : List.of(secret.get("SECRET_KEY").asText(), secret.get("UNIFIED_API_KEY").asText(),
                webhook.substring(6), DB_PASSWORD, "cache.example")) {
            assertThat(everything).doesNotContain(value);
        }
        assertThat(r.out()).contains("created codeguardians-gateway/production with SECRET_KEY DATABASE_URL");

        // A second run of the same secret writes a new version instead, with fresh generated values.
        respond("secretsmanager.describe-secret", SECRET_ARN, 0);
        Run again = run("scripts/deploy.sh", "setup-secrets");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.ops()).containsExactly("aws secretsmanager describe-secret", "aws secretsmanager put-secret-value");
        List<String> put = again.calls().get(1);
        JsonNode second = new ObjectMapper().readTree(
                sentFile(2, put.get(put.indexOf("--secret-string") + 1)).toFile());
        assertThat(second.get("SECRET_KEY").asText()).matches("[A-Za-z0-9]{64}")
                .isNotEqualTo(secret.get("SECRET_KEY").asText());
        assertThat(again.out() + again.err()).doesNotContain(second.get("UNIFIED_API_KEY").asText());
    }

    @Test
    void setupSecretsShowsValuesOnlyWhenAsked() throws Exception {
        newSecretSettings();
        env.put("UNIFIED_API_KEY", "given-api-key-0123456789abcdef0123");
        Run r = run("scripts/deploy.sh", "setup-secrets", "--show-secrets");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("UNIFIED_API_KEY=given-api-key-0123456789abcdef0123")
                .contains("DATABASE_URL=postgresql://aiguardian:" + DB_PASSWORD + "@");
    }

    @Test
    void setupSecretsNeedsTheDatabaseAndRedisUrls() throws Exception {
        Run r = run("scripts/deploy.sh", "setup-secrets");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1).first().asString().contains("DATABASE_URL is not set");
        assertThat(r.calls()).isEmpty();
    }

    @Test
    void setupIamCreatesMissingRolesAndPutsThePolicies() throws Exception {
        respond("iam.get-role", "", 254);
        respond("iam.get-role.ecsTaskExecutionRole", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", 0);
        env.put("AWS_SECRETS_NAME", "aig/prod");
        Run r = run("scripts/deploy.sh", "setup-iam");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.ops()).containsExactly("aws iam get-role", "aws iam get-role", "aws iam create-role",
                "aws iam get-role", "aws iam create-role", "aws iam attach-role-policy", "aws iam put-role-policy",
                "aws iam put-role-policy", "aws iam put-role-policy", "aws iam put-role-policy");
        assertThat(r.calls().get(2)).containsSubsequence("--role-name", "aiguardianGatewayTaskRole");
        assertThat(r.calls().get(4)).containsSubsequence("--role-name", "aiguardianTaskRole");
        assertThat(r.calls().get(5)).contains("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
        List<String> secretsPolicy = r.calls().get(6);
        assertThat(secretsPolicy).containsSubsequence("--role-name", "ecsTaskExecutionRole")
                .containsSubsequence("--policy-name", "AIGuardianSecretsAccess");
        JsonNode policy = new ObjectMapper().readTree(sentFile(7,
                secretsPolicy.get(secretsPolicy.indexOf("--policy-document") + 1)).toFile());
        assertThat(policy.at("/Statement/0/Resource").asText())
                .isEqualTo("arn:aws:secretsmanager:eu-west-1:123456789012:secret:aig/prod-??????");
        JsonNode trust = new ObjectMapper().readTree(sentFile(3, r.calls().get(2).get(
                r.calls().get(2).indexOf("--assume-role-policy-document") + 1)).toFile());
        assertThat(trust.at("/Statement/0/Condition/StringEquals/aws:SourceAccount").asText()).isEqualTo(ACCOUNT);
    }

    @Test
    void prodRegistersEveryTaskDefinitionCreatesOrUpdatesEveryServiceAndWaits() throws Exception {
        prodSettings();
        respond("secretsmanager.describe-secret", SECRET_ARN, 0);
        respond("ecs.describe-clusters", "codeguardians-gateway-cluster", 0);
        respond("logs.describe-log-groups", "", 0);
        respond("logs.describe-log-groups._ecs_aiguardian-gateway", "/ecs/aiguardian-gateway", 0);
        respond("ecs.describe-services", "", 0);
        respond("ecs.describe-services.aiguardian-gateway", "aiguardian-gateway", 0);
        // The new revision's ARN, from the family in the file the script sent.
        script("ecs.register-task-definition", """
                f=$(printf '%s\\n' "$@" | sed -n 's|^file://||p')
                fam=$(sed -n 's/^  "family": "\\(.*\\)",$/\\1/p' "$f")
                echo "arn:aws:ecs:eu-west-1:123456789012:task-definition/$fam:8"
                """);
        Run r = run("scripts/deploy.sh", "prod");
        assertThat(r.exit()).as(r.err()).isZero();

        List<String> expected = new ArrayList<>(List.of("aws secretsmanager describe-secret", "aws ecs describe-clusters"));
        for (String svc : ORDER) {
            expected.add("aws logs describe-log-groups");
            if (!svc.equals("gateway")) {
                expected.addAll(List.of("aws logs create-log-group", "aws logs put-retention-policy"));
            }
            expected.addAll(List.of("aws ecs register-task-definition", "aws ecs describe-services",
                    svc.equals("gateway") ? "aws ecs update-service" : "aws ecs create-service"));
        }
        expected.add("aws ecs wait");
        assertThat(r.ops()).containsExactlyElementsOf(expected);
        List<String> waitCall = r.calls().get(r.calls().size() - 1);
        assertThat(waitCall).containsSubsequence("wait", "services-stable", "--cluster", "codeguardians-gateway-cluster",
                "--services").containsAll(ORDER.stream().map(s -> "aiguardian-" + s).toList());

        // What was sent: every placeholder filled, the SDK's model still satisfied, the values where they belong.
        for (int i = 0; i < r.calls().size(); i++) {
            List<String> call = r.calls().get(i);
            int at = call.indexOf("--cli-input-json");
            if (at < 0) {
                continue;
            }
            Path sent = sentFile(i + 1, call.get(at + 1));
            String text = Files.readString(sent);
            assertThat(text).as(call.toString()).doesNotContain("${");
            JsonNode json = new ObjectMapper().readTree(text);
            String op = call.get(2);
            if (op.equals("register-task-definition")) {
                assertThat(SdkModelCheck.check(json, RegisterTaskDefinitionRequest::builder)).isEmpty();
                JsonNode c = json.at("/containerDefinitions/0");
                assertThat(c.get("image").asText()).isEqualTo(ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com/aiguardian:abc123def456");
                assertThat(EcsDefinitionsTest.env(c)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "b-1.msk.example:9094,b-2.msk.example:9094")
                        .containsEntry("KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL");
                if (json.get("family").asText().equals("aiguardian-gateway")) {
                    assertThat(c.at("/secrets/0/valueFrom").asText()).isEqualTo(SECRET_ARN + ":SECRET_KEY::");
                    assertThat(EcsDefinitionsTest.env(c)).containsEntry("AWS_SECRETS_NAME", "codeguardians-gateway/production");
                }
            } else {
                assertThat(SdkModelCheck.check(json, op.equals("create-service")
                        ? CreateServiceRequest::builder : UpdateServiceRequest::builder)).isEmpty();
                assertThat(json.at("/networkConfiguration/awsvpcConfiguration/subnets"))
                        .extracting(JsonNode::asText).containsExactly("subnet-a", "subnet-b");
                String name = json.has("serviceName") ? json.get("serviceName").asText() : json.get("service").asText();
                assertThat(json.get("taskDefinition").asText())
                        .isEqualTo("arn:aws:ecs:eu-west-1:123456789012:task-definition/" + name + ":8");
                assertThat(json.get("cluster").asText()).isEqualTo("codeguardians-gateway-cluster");
            }
        }
    }

    @Test
    void prodNeedsItsSettings() throws Exception {
        prodSettings();
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        Run r = run("scripts/deploy.sh", "prod");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1).first().asString()
                .startsWith("deploy.sh: KAFKA_BOOTSTRAP_SERVERS is not set");
        assertThat(r.calls()).isEmpty();

        prodSettings();
        env.put("ECS_SUBNETS", "subnet-a\",\"evil");
        assertThat(run("scripts/deploy.sh", "prod").err()).contains("ECS_SUBNETS contains a quote");
    }

    @Test
    void prodDryRunPrintsTheGuidesCallsAndRunsNone() throws Exception {
        prodSettings();
        Path rendered = tmp.resolve("rendered");
        env.put("DEPLOY_RENDER_DIR", rendered.toString());
        Run r = run("scripts/deploy.sh", "prod", "--dry-run");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.calls()).isEmpty();
        assertThat(r.out()).contains("+ aws ecs create-cluster --cluster-name codeguardians-gateway-cluster --region " + REGION);
        for (String svc : ORDER) {
            assertThat(r.out()).contains("+ aws ecs register-task-definition --cli-input-json file://" + rendered
                    + "/task-definitions/" + svc + ".json")
                    .contains("+ aws ecs create-service --cli-input-json file://" + rendered + "/services/" + svc + ".create.json")
                    .contains("+ aws logs create-log-group --log-group-name /ecs/aiguardian-" + svc);
            assertThat(Files.readString(rendered.resolve("task-definitions/" + svc + ".json"))).doesNotContain("${");
        }
        assertThat(r.out()).contains("+ aws ecs wait services-stable --cluster codeguardians-gateway-cluster --services");
    }

    @Test
    void rollbackGoesToThePreviousRevisionOrTheOneGiven() throws Exception {
        script("ecs.describe-services", """
                for a in "$@"; do case $a in aiguardian-*) echo "arn:aws:ecs:eu-west-1:123456789012:task-definition/$a:7";; esac; done
                """);
        respond("ecs.describe-task-definition", "arn:aws:ecs:...", 0);
        Run one = run("scripts/deploy.sh", "rollback", "--service", "gateway");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.ops()).containsExactly("aws ecs describe-services", "aws ecs describe-task-definition",
                "aws ecs update-service", "aws ecs wait");
        assertThat(one.calls().get(2)).containsExactly("aws", "ecs", "update-service", "--cluster",
                "codeguardians-gateway-cluster", "--service", "aiguardian-gateway", "--task-definition",
                "aiguardian-gateway:6", "--region", REGION);

        Run all = run("scripts/deploy.sh", "rollback", "4");
        assertThat(all.exit()).as(all.err()).isZero();
        List<List<String>> updates = all.calls().stream().filter(c -> c.get(2).equals("update-service")).toList();
        assertThat(updates).extracting(c -> c.get(c.indexOf("--task-definition") + 1))
                .containsExactlyElementsOf(ORDER.stream().map(s -> "aiguardian-" + s + ":4").toList());

        respond("ecs.describe-task-definition", "", 254);
        Run missing = run("scripts/deploy.sh", "rollback", "3", "--service", "topology");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("task definition aiguardian-topology:3 does not exist");
        assertThat(missing.ops()).doesNotContain("aws ecs update-service");
    }

    @Test
    void statusDescribesEveryService() throws Exception {
        respond("ecs.describe-services", "| table |", 0);
        Run r = run("scripts/deploy.sh", "status");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.calls()).hasSize(1);
        assertThat(r.calls().get(0)).containsSubsequence("--output", "table")
                .containsAll(ORDER.stream().map(s -> "aiguardian-" + s).toList());
        assertThat(r.out()).contains("| table |").contains("aws logs tail /ecs/aiguardian-gateway --follow");
    }

    @Test
    void scriptsPassShellcheck() throws Exception {
        if (!onPath("shellcheck")) {
            Tools.missing("shellcheck is not installed (apt-get install -y shellcheck)");
        }
        Process p = new ProcessBuilder("shellcheck", "-x", "scripts/deploy.sh", "scripts/push-all-to-ecr.sh",
                "deploy/ecs/aws-cli.sh", "deploy/prod-secrets.sh", "deploy-tests/src/test/resources/stubs/aws",
                "deploy-tests/src/test/resources/stubs/docker")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    // ----------------------------------------------------------------------------------------------------------

    /** No secret yet; the URLs only the operator knows. */
    void newSecretSettings() throws IOException {
        respond("secretsmanager.describe-secret", "", 254);
        env.put("DATABASE_URL", "postgresql://aiguardian:" + DB_PASSWORD + "@db.example:5432/aiguardian");
        env.put("REDIS_URL", "rediss://cache.example:6379/0");
    }

    void prodSettings() {
        env.put("KAFKA_BOOTSTRAP_SERVERS", "b-1.msk.example:9094,b-2.msk.example:9094");
        env.put("ECS_SUBNETS", "subnet-a,subnet-b");
        env.put("ECS_SECURITY_GROUPS", "sg-1");
        env.put("GATEWAY_TARGET_GROUP_ARN", "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/aig/1");
    }

    void respond(String key, String output, int exit) throws IOException {
        Files.writeString(responses.resolve(key), output.isEmpty() ? "" : output + "\n");
        Files.writeString(responses.resolve(key + ".exit"), Integer.toString(exit));
    }

    void script(String key, String body) throws IOException {
        Path p = responses.resolve(key);
        Files.writeString(p, "#!/usr/bin/env bash\n" + body);
        p.toFile().setExecutable(true);
    }

    /** The copy the stub made of a file:// argument of call number {@code n} (1-based). */
    Path sentFile(int n, String fileArg) {
        return files.resolve(n + "-" + Path.of(fileArg.substring("file://".length())).getFileName());
    }

    /** Runs a script from the repository's root; {@code calls} are this run's only. */
    Run run(String... command) throws Exception {
        Files.writeString(log, "");
        List<String> cmd = new ArrayList<>(List.of("bash"));
        cmd.addAll(Arrays.asList(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        List<List<String>> calls = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            calls.add(List.of(line.split("\t", -1)));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err), calls);
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
