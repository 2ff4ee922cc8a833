package org.cairnmq.admin;

/** The broker cannot be reached: its adapter is not deployed or not started. Answered with 503. */
public class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message) {
        super(message);
    }
}
