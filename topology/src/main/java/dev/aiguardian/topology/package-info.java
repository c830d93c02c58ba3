/** Kafka Streams applications over the guard topics. */
package dev.aiguardian.topology;
