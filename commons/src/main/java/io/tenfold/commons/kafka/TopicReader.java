package io.tenfold.commons.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import io.tenfold.commons.event.EventHeaders;

/**
 * A consumer loop on its own thread. Three modes: {@link #replaying} reads every partition of a compacted state
 * topic from the beginning, in every replica (each keeps its own in-memory view; database effects must be
 * idempotent); {@link #resuming} does the same from offsets the service stored with its effects;
 * {@link #grouped} shares the work among a consumer group and commits after each batch. A batch whose handler
 * fails is retried, never skipped: handlers skip poison themselves.
 */
public final class TopicReader {

    /** Handles one record; throwing makes the reader retry it after a pause. */
    @FunctionalInterface
    public interface Handler {
        void handle(ConsumerRecord<String, byte[]> record) throws Exception;
    }

    /** Handles one polled batch at once; throwing makes the reader retry the whole batch after a pause. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<ConsumerRecord<String, byte[]>> batch) throws Exception;
    }

    /** Where a reader that assigns partitions itself starts: the next offset per partition (absent: beginning). */
    @FunctionalInterface
    public interface StartOffsets {
        Map<Integer, Long> load() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final KafkaClients clients;
    private final TopicBootstrap topics;
    private final String topic;
    private final String purpose;
    private final String groupId;
    private final BatchHandler handler;
    private final StartOffsets startOffsets;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Map<TopicPartition, Long> endAtStart;
    private Thread thread;

    private TopicReader(KafkaClients clients, TopicBootstrap topics, String topic, String purpose, String groupId,
            StartOffsets startOffsets, BatchHandler handler) {
        this.clients = clients;
        this.topics = topics;
        this.topic = topic;
        this.purpose = purpose;
        this.groupId = groupId;
        this.startOffsets = startOffsets;
        this.handler = handler;
    }

    /** Reads every partition from the beginning, one record at a time. */
    public static TopicReader replaying(KafkaClients clients, TopicBootstrap topics, String topic, String purpose,
            Handler handler) {
        return new TopicReader(clients, topics, topic, purpose, null, Map::of, perRecord(handler));
    }

    /**
     * Reads every partition from the offsets the service stored (with the effects of the records before them),
     * a polled batch at a time.
     */
    public static TopicReader resuming(KafkaClients clients, TopicBootstrap topics, String topic, String purpose,
            StartOffsets startOffsets, BatchHandler handler) {
        return new TopicReader(clients, topics, topic, purpose, null, startOffsets, handler);
    }

    /** Shares the partitions with the other members of a consumer group; commits after each batch. */
    public static TopicReader grouped(KafkaClients clients, TopicBootstrap topics, String topic, String groupId,
            Handler handler) {
        return new TopicReader(clients, topics, topic, groupId, groupId, null, perRecord(handler));
    }

    private static BatchHandler perRecord(Handler handler) {
        return batch -> {
            for (ConsumerRecord<String, byte[]> record : batch) {
                handler.handle(record);
            }
        };
    }

    /** The sequence header of a record: the producer's outbox sequence, increasing per key. */
    public static long sequence(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(EventHeaders.SEQ);
        return header == null ? -1 : ByteBuffer.wrap(header.value()).getLong();
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "topic-reader-" + purpose);
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For a replaying reader: whether it has read up to where the topic ended when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        while (running) {
            try {
                if (!topics.ensure(Duration.ofSeconds(5))) {
                    sleep(BACKOFF);
                    continue;
                }
                if (consumer == null) {
                    consumer = open();
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
                    records.forEach(batch::add);
                    handleUntilDone(batch);
                }
                if (groupId != null && !records.isEmpty()) {
                    consumer.commitSync();
                }
                if (groupId == null && !caughtUp) {
                    caughtUp = endAtStart.entrySet().stream()
                            .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
                }
            } catch (WakeupException e) {
                break;
            } catch (Exception e) {
                LOG.warnf("Reader of %s failed, reopening: %s", topic, e.toString());
                close();
                sleep(BACKOFF);
            }
        }
        close();
    }

    private KafkaConsumer<String, byte[]> open() throws Exception {
        KafkaConsumer<String, byte[]> opened = clients.consumer(purpose, groupId);
        if (groupId != null) {
            opened.subscribe(Set.of(topic));
        } else {
            List<TopicPartition> partitions = opened.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            opened.assign(partitions);
            opened.seekToBeginning(partitions);
            Map<Integer, Long> stored = startOffsets.load();
            for (TopicPartition partition : partitions) {
                Long next = stored.get(partition.partition());
                if (next != null) {
                    opened.seek(partition, next);
                }
            }
            endAtStart = opened.endOffsets(partitions, Duration.ofSeconds(10));
        }
        return opened;
    }

    private void handleUntilDone(List<ConsumerRecord<String, byte[]>> batch) {
        while (running) {
            try {
                handler.handle(batch);
                return;
            } catch (Exception e) {
                ConsumerRecord<String, byte[]> first = batch.get(0);
                LOG.warnf("Handling %s@%d/%d (%d records) failed, will retry: %s", topic, first.partition(),
                        first.offset(), batch.size(), brief(e));
                sleep(BACKOFF);
            }
        }
        throw new WakeupException();
    }

    /** The failure's class and the start of its message: enough to act on, too short to spill data. */
    private static String brief(Exception e) {
        String text = e.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private void close() {
        KafkaConsumer<String, byte[]> current = consumer;
        consumer = null;
        if (current != null) {
            try {
                current.close(Duration.ofSeconds(2));
            } catch (Exception e) {
                LOG.debugf("Closing consumer: %s", e.toString());
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
