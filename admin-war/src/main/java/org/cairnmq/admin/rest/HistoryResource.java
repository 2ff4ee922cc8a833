package org.cairnmq.admin.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.cairnmq.admin.stats.StatisticsSampler;

/** All destinations together over recent minutes, for the dashboard's charts. */
@Path("history")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {
    @Inject
    StatisticsSampler sampler;

    @GET
    public HistoryJson total() {
        return new HistoryJson(sampler.intervalMillis(), sampler.totalHistory());
    }
}
