package org.cairnmq.management;

/** Point-to-point or publish/subscribe. */
public enum DestinationType { QUEUE, TOPIC }
