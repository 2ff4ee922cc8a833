package org.cairnmq.admin.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.cairnmq.admin.BrokerAccess;
import org.cairnmq.management.BrokerManagement;
import org.cairnmq.management.ManagementException;
import org.cairnmq.management.MessagePage;
import org.cairnmq.management.MessageQuery;
import org.cairnmq.management.OperationResult;

/**
 * A queue's messages (a topic's are in its subscriptions' queues): browse and search page by page, one
 * message, and the repairs: delete, move, copy, retry, purge.
 */
@Path("queues/{queue}/messages")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {
    private static final int DEFAULT_LIMIT = 50;

    @Inject
    BrokerAccess broker;

    /**
     * A page of the messages that match every criterion given: {@code selector} (a JMS selector over headers
     * and properties), {@code body} (text the body contains), {@code minDeliveryCount}, {@code olderThanSeconds};
     * {@code after} resumes where the previous page ended; {@code limit} 1 to 1000 (default 50).
     */
    @GET
    public MessagePageJson browse(@PathParam("queue") String queue, @QueryParam("selector") String selector,
            @QueryParam("body") String body, @QueryParam("minDeliveryCount") String minDeliveryCount,
            @QueryParam("olderThanSeconds") String olderThanSeconds, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        SelectionJson.FilterJson filter = new SelectionJson.FilterJson(selector, body,
                Requests.intParam(minDeliveryCount, "minDeliveryCount", 0),
                Requests.longParam(olderThanSeconds, "olderThanSeconds", 0));
        MessageQuery query = filter.query().limit(Requests.intParam(limit, "limit", DEFAULT_LIMIT));
        if (after != null && !after.isBlank()) {
            query = query.after(after);
        }
        MessagePage page = broker.management().browse(queue, query);
        return new MessagePageJson(page.messages().stream().map(MessageJson::summary).toList(), page.next());
    }

    @GET
    @Path("{handle}")
    public MessageJson message(@PathParam("queue") String queue, @PathParam("handle") String handle) {
        return MessageJson.full(broker.management().message(queue, handle));
    }

    /** Deletes one message; 404 if it is gone, 409 if a consumer holds it right now. */
    @DELETE
    @Path("{handle}")
    public OperationJson deleteOne(@PathParam("queue") String queue, @PathParam("handle") String handle) {
        BrokerManagement management = broker.management();
        management.message(queue, handle);
        OperationResult result = management.delete(queue, List.of(handle));
        if (result.skipped() > 0) {
            throw new ManagementException(ManagementException.Kind.CONFLICT,
                    "Message " + handle + " is held by a consumer right now; try again later");
        }
        return OperationJson.of(result);
    }

    /** Purges the queue: every message but those consumers hold right now. */
    @DELETE
    public OperationJson purge(@PathParam("queue") String queue) {
        return OperationJson.of(broker.management().delete(queue, MessageQuery.all()));
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_JSON)
    public OperationJson delete(@PathParam("queue") String queue, SelectionJson selection) {
        BrokerManagement m = broker.management();
        return OperationJson.of(checked(selection).byHandles() ? m.delete(queue, selection.handles())
                : m.delete(queue, selection.filter().query()));
    }

    @POST
    @Path("move")
    @Consumes(MediaType.APPLICATION_JSON)
    public OperationJson move(@PathParam("queue") String queue, SelectionJson selection) {
        BrokerManagement m = broker.management();
        String to = Requests.required(checked(selection).to(), "\"to\" (the queue to move them to)");
        return OperationJson.of(selection.byHandles() ? m.move(queue, selection.handles(), to)
                : m.move(queue, selection.filter().query(), to));
    }

    @POST
    @Path("copy")
    @Consumes(MediaType.APPLICATION_JSON)
    public OperationJson copy(@PathParam("queue") String queue, SelectionJson selection) {
        BrokerManagement m = broker.management();
        String to = Requests.required(checked(selection).to(), "\"to\" (the queue to copy them to)");
        return OperationJson.of(selection.byHandles() ? m.copy(queue, selection.handles(), to)
                : m.copy(queue, selection.filter().query(), to));
    }

    /** Sends dead-lettered or expired messages back to their original destination. */
    @POST
    @Path("retry")
    @Consumes(MediaType.APPLICATION_JSON)
    public OperationJson retry(@PathParam("queue") String queue, SelectionJson selection) {
        BrokerManagement m = broker.management();
        return OperationJson.of(checked(selection).byHandles() ? m.retry(queue, selection.handles())
                : m.retry(queue, selection.filter().query()));
    }

    private static SelectionJson checked(SelectionJson selection) {
        return Requests.required(selection, "A body with \"handles\" or \"filter\"");
    }
}
