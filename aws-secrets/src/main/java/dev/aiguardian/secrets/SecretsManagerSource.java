package dev.aiguardian.secrets;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads the settings secret with the AWS SDK's Secrets Manager client (default credential chain, {@code AWS_REGION}
 * or the SDK's region chain, the endpoint overrides) and turns every failure into one line naming the fix.
 */
final class SecretsManagerSource implements AutoCloseable {
    /** The whole call, retries included: start-up must end in seconds when the endpoint does not answer. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern PRINCIPAL = Pattern.compile("(arn:aws[a-z-]*:(?:sts|iam)::(\\d{12}):\\S+)");
    private static final Pattern SECRET_ARN = Pattern.compile("arn:(aws[a-z-]*):secretsmanager:[^:]*:(\\d{12}):.*");

    /** What one read returned: the settings and the version they came from (for logs; a version id is no secret). */
    record Read(Map<String, String> values, String version) {
    }

    private final SecretsSettings settings;
    private final String region;
    private final SecretsManagerClient client;

    /**
     * @param credentials empty for the SDK's default chain (environment, profile, web identity, ECS task role,
     *                    instance profile); tests give fixed ones
     * @param regionChain asked when {@code AWS_REGION} is not set
     */
    SecretsManagerSource(SecretsSettings settings, Optional<AwsCredentialsProvider> credentials,
                         Supplier<Optional<String>> regionChain) {
        this.settings = settings;
        this.region = settings.region().or(regionChain).orElseThrow(() -> new SecretReadException(
                SecretsSettings.ENABLED + "=true but no AWS region is known: set " + SecretsSettings.REGION
                        + " to the secret's region (e.g. " + SecretsSettings.REGION + "=us-east-1)"));
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(READ_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT).build());
        // The SDK reads AWS_ENDPOINT_URL_SECRETS_MANAGER and AWS_ENDPOINT_URL from the process environment by
        // itself (2.57); passing what the settings read keeps the loader's one input the Env it was given.
        settings.endpoint().ifPresent(builder::endpointOverride);
        credentials.ifPresent(builder::credentialsProvider);
        try {
            this.client = builder.build();
        } catch (SdkException e) {
            throw new SecretReadException(where() + ": cannot set up the Secrets Manager client ("
                    + firstLine(String.valueOf(e.getMessage())) + ")");
        }
    }

    /** For processes: the SDK's default credential and region chains. */
    static SecretsManagerSource standard(SecretsSettings settings) {
        return new SecretsManagerSource(settings, Optional.empty(), SecretsManagerSource::regionFromChain);
    }

    private static Optional<String> regionFromChain() {
        try {
            return Optional.of(new DefaultAwsRegionProviderChain().getRegion().id());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    String region() {
        return region;
    }

    /** Reads and parses the secret; throws {@link SecretReadException} with one safe line on any failure. */
    Read read() {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(r -> r.secretId(settings.name()));
        } catch (SdkException e) {
            throw new SecretReadException(explain(e));
        }
        if (response.secretString() == null) {
            throw new SecretReadException(where() + ": the secret holds binary data; store the settings as a JSON"
                    + " string (SecretString)");
        }
        return new Read(SecretJson.parse(settings.name(), response.secretString()),
                response.versionId() == null ? "?" : response.versionId());
    }

    private String where() {
        return SecretsSettings.NAME + "='" + settings.name() + "' (region " + region + ")";
    }

    private String explain(SdkException e) {
        if (e instanceof ResourceNotFoundException) {
            return where() + ": no such secret at " + settings.describeEndpoint(region) + "; create it (aws"
                    + " secretsmanager create-secret --name " + settings.name() + " --secret-string file://settings.json)"
                    + " or correct " + SecretsSettings.NAME + " / " + SecretsSettings.REGION;
        }
        if (e instanceof DecryptionFailureException) {
            return where() + ": the secret cannot be decrypted with its KMS key" + principal(e)
                    + "; grant kms:Decrypt on that key to the role this process runs as";
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
            if (code.equals("AccessDeniedException")) {
                return where() + ": access denied" + principal(e) + "; grant secretsmanager:GetSecretValue on "
                        + resourceArn(e) + " to the role this process runs as (on ECS the task role)";
            }
            if (code.startsWith("UnrecognizedClient") || code.startsWith("InvalidClientTokenId")
                    || code.startsWith("InvalidSignature") || code.startsWith("SignatureDoesNotMatch")
                    || code.startsWith("ExpiredToken")) {
                return where() + ": AWS refused the credentials (" + code + "); check AWS_ACCESS_KEY_ID and"
                        + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the task role, and that they are for this region";
            }
            return where() + ": Secrets Manager answered " + service.statusCode() + " " + code
                    + awsMessage(service) + "; see docs/aws-secrets.md";
        }
        if (e instanceof ApiCallTimeoutException || cause(e, SocketTimeoutException.class)) {
            return where() + ": no answer from " + settings.describeEndpoint(region) + " within "
                    + CALL_TIMEOUT.toSeconds() + " s; " + reachFix();
        }
        if (cause(e, UnknownHostException.class)) {
            return where() + ": cannot resolve the host of " + settings.describeEndpoint(region) + "; " + reachFix();
        }
        if (cause(e, ConnectException.class)) {
            return where() + ": nothing answers at " + settings.describeEndpoint(region) + " (connection refused); "
                    + reachFix();
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("Unable to load credentials")) {
            return where() + ": no AWS credentials found; give the task or instance a role, or set AWS_PROFILE,"
                    + " or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
        }
        return where() + ": cannot read the secret (" + firstLine(m) + "); see docs/aws-secrets.md";
    }

    private String reachFix() {
        return settings.endpoint().isPresent()
                ? "check " + String.join(" / ", SecretsSettings.ENDPOINTS) + " and that the endpoint runs"
                : "check the network path to Secrets Manager (a VPC endpoint or a NAT gateway) and " + SecretsSettings.REGION;
    }

    /** The resource an IAM policy must name: the secret's ARN with a wildcard for the suffix AWS appends. */
    private String resourceArn(SdkException e) {
        Matcher arn = SECRET_ARN.matcher(settings.name());
        if (arn.matches()) {
            return settings.name();
        }
        Matcher p = PRINCIPAL.matcher(String.valueOf(e.getMessage()));
        String account = p.find() ? p.group(2) : "<account>";
        return "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + settings.name() + "*";
    }

    private static String principal(SdkException e) {
        Matcher p = PRINCIPAL.matcher(String.valueOf(e.getMessage()));
        return p.find() ? " for " + p.group(1) : "";
    }

    // AWS's own messages name the operation and the resource, never a secret's value.
    private static String awsMessage(AwsServiceException e) {
        String m = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return m == null || m.isBlank() ? "" : " (" + firstLine(m) + ")";
    }

    private static String firstLine(String m) {
        String line = m.lines().findFirst().orElse("").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "Secrets Manager secret '" + settings.name() + "' in " + region;
    }
}
