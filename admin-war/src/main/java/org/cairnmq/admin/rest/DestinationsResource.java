package org.cairnmq.admin.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cairnmq.admin.BrokerAccess;
import org.cairnmq.admin.DestinationKey;
import org.cairnmq.admin.stats.StatisticsSampler;
import org.cairnmq.management.DestinationType;
import org.cairnmq.management.DestinationView;

/** Destinations: list with statistics and rates, create, delete, their policy and memory limit, history, test sends. */
@Path("destinations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DestinationsResource {
    @Inject
    BrokerAccess broker;
    @Inject
    StatisticsSampler sampler;

    @GET
    public List<DestinationJson> list() {
        return broker.management().destinations().stream().map(this::json).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateDestinationJson request, @Context UriInfo uri) {
        Requests.required(request, "A body {\"name\": ..., \"type\": \"queue\" or \"topic\"}");
        DestinationType type = DestinationKey.parseType(request.type());
        String name = Requests.required(request.name(), "name");
        DestinationView created = broker.management().createDestination(type, name);
        return Response.created(uri.getAbsolutePathBuilder().path(DestinationKey.typeName(type)).path(name).build())
                .entity(json(created)).build();
    }

    @GET
    @Path("{type}/{name}")
    public DestinationJson get(@PathParam("type") String type, @PathParam("name") String name) {
        return json(broker.management().destination(DestinationKey.parseType(type), name));
    }

    /** Deletes the destination with its messages; 409 while consumers are attached. */
    @DELETE
    @Path("{type}/{name}")
    public Map<String, Long> delete(@PathParam("type") String type, @PathParam("name") String name) {
        return Map.of("deletedMessages", broker.management().deleteDestination(DestinationKey.parseType(type), name));
    }

    @GET
    @Path("{type}/{name}/policy")
    public PolicyJson policy(@PathParam("type") String type, @PathParam("name") String name) {
        return PolicyJson.of(broker.management().deliveryPolicy(DestinationKey.parseType(type), name));
    }

    /** Sets the destination's own policy; fields left out keep their current value. */
    @PUT
    @Path("{type}/{name}/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    public PolicyJson setPolicy(@PathParam("type") String type, @PathParam("name") String name, PolicyJson policy) {
        Requests.required(policy, "A policy");
        DestinationType kind = DestinationKey.parseType(type);
        var management = broker.management();
        management.setDeliveryPolicy(kind, name, policy.over(management.deliveryPolicy(kind, name)));
        return PolicyJson.of(management.deliveryPolicy(kind, name));
    }

    /** Back to the broker's default policy. */
    @DELETE
    @Path("{type}/{name}/policy")
    public PolicyJson resetPolicy(@PathParam("type") String type, @PathParam("name") String name) {
        DestinationType kind = DestinationKey.parseType(type);
        broker.management().setDeliveryPolicy(kind, name, null);
        return PolicyJson.of(broker.management().deliveryPolicy(kind, name));
    }

    @GET
    @Path("{type}/{name}/memory-limit")
    public MemoryLimitJson memoryLimit(@PathParam("type") String type, @PathParam("name") String name) {
        return MemoryLimitJson.of(broker.management().memoryLimit(DestinationKey.parseType(type), name));
    }

    /**
     * Sets the destination's own memory limit, {@code {"limitBytes": 65536, "policy": "BLOCK" or "FAIL"}}:
     * both required, no other field; 400 for anything else.
     */
    @PUT
    @Path("{type}/{name}/memory-limit")
    @Consumes(MediaType.APPLICATION_JSON)
    public MemoryLimitJson setMemoryLimit(@PathParam("type") String type, @PathParam("name") String name,
            JsonObject body) {
        MemoryLimitRequest limit = MemoryLimitRequest.of(body);
        DestinationType kind = DestinationKey.parseType(type);
        broker.management().setMemoryLimit(kind, name, limit.limitBytes(), limit.policy());
        return MemoryLimitJson.of(broker.management().memoryLimit(kind, name));
    }

    /** Back to the limit the server's configuration gives the destination. */
    @DELETE
    @Path("{type}/{name}/memory-limit")
    public MemoryLimitJson clearMemoryLimit(@PathParam("type") String type, @PathParam("name") String name) {
        DestinationType kind = DestinationKey.parseType(type);
        broker.management().clearMemoryLimit(kind, name);
        return MemoryLimitJson.of(broker.management().memoryLimit(kind, name));
    }

    @GET
    @Path("{type}/{name}/history")
    public HistoryJson history(@PathParam("type") String type, @PathParam("name") String name) {
        DestinationKey key = new DestinationKey(DestinationKey.parseType(type), name);
        broker.management().destination(key.type(), name);
        return new HistoryJson(sampler.intervalMillis(), sampler.history(key));
    }

    /**
     * Sends a text test message: {@code {"text": "...", "properties": {"k": "v", "n": 1}, "persistent": true}}.
     */
    @POST
    @Path("{type}/{name}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("type") String type, @PathParam("name") String name, JsonObject request) {
        Requests.required(request, "A body {\"text\": ...}");
        String text = Requests.field(request, "text", false, JsonValue.ValueType.STRING) ? request.getString("text") : null;
        boolean persistent = !Requests.field(request, "persistent", false, JsonValue.ValueType.TRUE,
                JsonValue.ValueType.FALSE) || request.getBoolean("persistent");
        Map<String, Object> properties = Requests.field(request, "properties", false, JsonValue.ValueType.OBJECT)
                ? properties(request.getJsonObject("properties")) : Map.of();
        String id = broker.management().send(DestinationKey.parseType(type), name, text, properties, persistent);
        return Response.status(Response.Status.CREATED).entity(Map.of("messageId", id)).build();
    }

    private static Map<String, Object> properties(JsonObject json) {
        Map<String, Object> properties = new LinkedHashMap<>();
        json.forEach((key, value) -> properties.put(key, propertyValue(key, value)));
        return properties;
    }

    private static Object propertyValue(String key, JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NUMBER -> number((JsonNumber) value);
            default -> throw new IllegalArgumentException(
                    "Property " + key + " must be a string, boolean or number, not " + value.getValueType());
        };
    }

    private static Object number(JsonNumber n) {
        if (!n.isIntegral()) {
            return n.doubleValue();
        }
        long value = n.longValueExact();
        return value == (int) value ? Integer.valueOf((int) value) : Long.valueOf(value);
    }

    private DestinationJson json(DestinationView view) {
        DestinationJson.RatesJson rates = sampler.latest(DestinationKey.of(view)).map(DestinationJson.RatesJson::of)
                .orElse(DestinationJson.RatesJson.NONE);
        return DestinationJson.of(view, rates);
    }
}
