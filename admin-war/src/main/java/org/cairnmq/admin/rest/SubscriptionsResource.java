package org.cairnmq.admin.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.cairnmq.admin.BrokerAccess;
import org.cairnmq.management.SubscriptionView;

/** Named topic subscriptions (durable and shared), with their depth and consumers. */
@Path("subscriptions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionsResource {
    @Inject
    BrokerAccess broker;

    @GET
    public List<SubscriptionView> list() {
        return broker.management().subscriptions();
    }

    /** Deletes a durable subscription and its messages; 409 while it has consumers, 404 if there is none. */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @QueryParam("clientId") String clientId) {
        broker.management().deleteSubscription(clientId == null || clientId.isEmpty() ? null : clientId, name);
        return Response.noContent().build();
    }
}
