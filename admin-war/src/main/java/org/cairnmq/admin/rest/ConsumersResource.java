package org.cairnmq.admin.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.cairnmq.admin.BrokerAccess;
import org.cairnmq.management.ConsumerView;

/** Every attached consumer: what it reads, what it got, what its session holds unacknowledged, how long it has been idle. */
@Path("consumers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConsumersResource {
    @Inject
    BrokerAccess broker;

    @GET
    public List<ConsumerView> list() {
        return broker.management().consumers();
    }
}
