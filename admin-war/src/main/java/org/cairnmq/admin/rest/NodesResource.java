package org.cairnmq.admin.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.cairnmq.admin.BrokerAccess;
import org.cairnmq.management.NodeView;

/** Every broker instance sharing the store: which is this one, whose lease is live, their consumers and claimed messages. */
@Path("nodes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {
    @Inject
    BrokerAccess broker;

    @GET
    public List<NodeView> list() {
        return broker.management().nodes();
    }
}
