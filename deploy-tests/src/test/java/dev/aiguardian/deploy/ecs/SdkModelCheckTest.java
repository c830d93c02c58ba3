package dev.aiguardian.deploy.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/** The SDK model check finds what the API would reject or silently drop, with the JSON path of each problem. */
class SdkModelCheckTest {
    static final ObjectMapper JSON = new ObjectMapper();

    ObjectNode gateway() {
        return (ObjectNode) EcsDefinitionsTest.file("task-definitions/gateway.json").deepCopy();
    }

    ObjectNode container(ObjectNode td) {
        return (ObjectNode) td.get("containerDefinitions").get(0);
    }

    @Test
    void theCommittedGatewayPasses() {
        assertThat(SdkModelCheck.check(gateway(), RegisterTaskDefinitionRequest::builder)).isEmpty();
    }

    @Test
    void aMisspeltFieldFailsAtAnyDepthWithItsPath() {
        ObjectNode top = gateway();
        top.set("requiresCompatibility", top.remove("requiresCompatibilities"));
        assertThat(SdkModelCheck.check(top, RegisterTaskDefinitionRequest::builder)).singleElement().asString()
                .startsWith("$.requiresCompatibility: unknown field for RegisterTaskDefinitionRequest");

        ObjectNode deep = gateway();
        ObjectNode health = (ObjectNode) container(deep).get("healthCheck");
        health.set("intervall", health.remove("interval"));
        ((ObjectNode) container(deep).get("secrets").get(1)).set("valuefrom", JSON.getNodeFactory().textNode("x"));
        List<String> problems = SdkModelCheck.check(deep, RegisterTaskDefinitionRequest::builder);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("$.containerDefinitions[0].secrets[1].valuefrom: unknown field for Secret");
        assertThat(problems.get(1)).startsWith("$.containerDefinitions[0].healthCheck.intervall: unknown field for HealthCheck")
                .contains("interval");
    }

    @Test
    void enumValuesTheSdkDoesNotKnowFail() {
        ObjectNode td = gateway();
        td.put("networkMode", "awsvpcc");
        ((ArrayNode) td.get("requiresCompatibilities")).add("FARGATTE");
        ((ObjectNode) container(td).get("logConfiguration")).put("logDriver", "awslog");
        assertThat(SdkModelCheck.check(td, RegisterTaskDefinitionRequest::builder)).containsExactly(
                "$.networkMode: 'awsvpcc' is not a NetworkMode the SDK knows; known: [awsvpc, bridge, host, none]",
                "$.requiresCompatibilities: 'FARGATTE' is not a Compatibility the SDK knows; known: "
                        + "[EC2, EXTERNAL, FARGATE, MANAGED_INSTANCES]",
                "$.containerDefinitions[0].logConfiguration.logDriver: 'awslog' is not a LogDriver the SDK knows; known: "
                        + "[awsfirelens, awslogs, fluentd, gelf, journald, json-file, splunk, syslog]");
    }

    @Test
    void wrongJsonTypesFail() {
        ObjectNode td = gateway();
        container(td).put("stopTimeout", "50");
        container(td).put("readonlyRootFilesystem", "true");
        td.put("cpu", 1024);
        container(td).set("environment", JSON.createObjectNode().put("PORT", "8000"));
        assertThat(SdkModelCheck.check(td, RegisterTaskDefinitionRequest::builder)).containsExactlyInAnyOrder(
                "$.cpu: expected a string, got number 1024",
                "$.containerDefinitions[0].environment: expected a list, got object {\"PORT\":\"8000\"}",
                "$.containerDefinitions[0].readonlyRootFilesystem: expected true or false, got string \"true\"",
                "$.containerDefinitions[0].stopTimeout: expected a whole number, got string \"50\"");
    }

    @Test
    void serviceRequestsAreCheckedTheSameWay() {
        ObjectNode create = (ObjectNode) EcsDefinitionsTest.file("services/gateway.create.json").deepCopy();
        assertThat(SdkModelCheck.check(create, CreateServiceRequest::builder)).isEmpty();
        ObjectNode breaker = (ObjectNode) create.at("/deploymentConfiguration/deploymentCircuitBreaker");
        breaker.put("rolback", true);
        ((ObjectNode) create.at("/networkConfiguration/awsvpcConfiguration")).put("assignPublicIp", "YES");
        JsonNode serviceName = create.remove("serviceName");
        create.set("service", serviceName); // update-service's name for it, not create-service's
        assertThat(SdkModelCheck.check(create, CreateServiceRequest::builder)).hasSize(3).anySatisfy(p -> assertThat(p)
                .startsWith("$.deploymentConfiguration.deploymentCircuitBreaker.rolback: unknown field"))
                .anySatisfy(p -> assertThat(p).startsWith("$.networkConfiguration.awsvpcConfiguration.assignPublicIp: 'YES'"))
                .anySatisfy(p -> assertThat(p).startsWith("$.service: unknown field for CreateServiceRequest"));
    }
}
