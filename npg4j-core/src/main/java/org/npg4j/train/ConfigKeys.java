package org.npg4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import org.npg4j.nn.Schedule;

/**
 * The configuration keys of one config record: for each key (zoo spelling, {@code batch_size}) how its value is
 * read from the record (for the defaults) and how it is set on the record's builder (for reading a configuration).
 * The record's builder is the single source of the defaults: {@link #defaults} writes what a fresh builder builds.
 * Records that contain another record (C3PO's config holds PPO's) {@link #include} that record's keys.
 *
 * @param <C> the config record
 * @param <B> its builder
 */
public final class ConfigKeys<C, B> {
    private final Supplier<B> newBuilder;
    private final Function<B, C> build;
    private final List<Key<C, B>> keys = new ArrayList<>();

    /** One key: writes its value from a record into a node, reads it from hyperparameters into a builder. */
    private record Key<C, B>(String name, BiConsumer<C, ObjectNode> write, BiConsumer<Hyperparameters, B> read) {
    }

    private ConfigKeys(Supplier<B> newBuilder, Function<B, C> build) {
        this.newBuilder = newBuilder;
        this.build = build;
    }

    /** The keys of a record built by {@code build} from builders made by {@code newBuilder}. */
    public static <C, B> ConfigKeys<C, B> of(Supplier<B> newBuilder, Function<B, C> build) {
        return new ConfigKeys<>(newBuilder, build);
    }

    private ConfigKeys<C, B> add(String name, BiConsumer<C, ObjectNode> write, BiConsumer<Hyperparameters, B> read) {
        for (Key<C, B> k : keys) {
            if (k.name.equals(name)) {
                throw new IllegalArgumentException("configuration key " + name + " is declared twice");
            }
        }
        keys.add(new Key<>(name, write, read));
        return this;
    }

    public ConfigKeys<C, B> integer(String key, ToIntFunction<C> get, BiConsumer<B, Integer> set) {
        return add(key, (c, n) -> n.put(key, get.applyAsInt(c)), (h, b) -> set.accept(b, h.integer(key)));
    }

    public ConfigKeys<C, B> number(String key, ToDoubleFunction<C> get, BiConsumer<B, Double> set) {
        return add(key, (c, n) -> n.put(key, get.applyAsDouble(c)), (h, b) -> set.accept(b, h.number(key)));
    }

    /** A number that can be switched off with {@code null}. */
    public ConfigKeys<C, B> optionalNumber(String key, Function<C, Double> get, BiConsumer<B, Double> set) {
        return add(key, (c, n) -> {
            Double v = get.apply(c);
            if (v == null) {
                n.putNull(key);
            } else {
                n.put(key, v);
            }
        }, (h, b) -> set.accept(b, h.optionalNumber(key)));
    }

    public ConfigKeys<C, B> bool(String key, Predicate<C> get, BiConsumer<B, Boolean> set) {
        return add(key, (c, n) -> n.put(key, get.test(c)), (h, b) -> set.accept(b, h.bool(key)));
    }

    /** A zoo schedule: a number or {@code lin_X}. */
    public ConfigKeys<C, B> schedule(String key, Function<C, Schedule> get, BiConsumer<B, Schedule> set) {
        return add(key, (c, n) -> putSchedule(n, key, get.apply(c)), (h, b) -> set.accept(b, h.schedule(key)));
    }

    /** A schedule that can be switched off with {@code null}. */
    public ConfigKeys<C, B> optionalSchedule(String key, Function<C, Schedule> get, BiConsumer<B, Schedule> set) {
        return add(key, (c, n) -> putSchedule(n, key, get.apply(c)),
                (h, b) -> set.accept(b, h.optionalSchedule(key)));
    }

    /** A word from a fixed set; {@code set} parses it and names the choices when it is not one of them. */
    public ConfigKeys<C, B> text(String key, Function<C, String> get, BiConsumer<B, String> set) {
        return add(key, (c, n) -> n.put(key, get.apply(c)), (h, b) -> set.accept(b, h.text(key)));
    }

    /**
     * {@code cost_limit}: one number (the same limit for every constraint) or a list with one limit per cost signal.
     */
    public ConfigKeys<C, B> costLimits(Function<C, double[]> get, BiConsumer<B, double[]> set) {
        return add("cost_limit", (c, n) -> {
            double[] limits = get.apply(c);
            if (limits.length == 1) {
                n.put("cost_limit", limits[0]);
            } else {
                var list = n.putArray("cost_limit");
                for (double l : limits) {
                    list.add(l);
                }
            }
        }, (h, b) -> set.accept(b, CostLimits.parse(h)));
    }

    /**
     * The keys of a contained record: its values come from {@code get} of this record (so this record's builder
     * decides their defaults), and the contained record read from the same hyperparameters is set with {@code set}.
     * Keys in {@code except} are left out: they keep the contained record's value in this record's defaults.
     */
    public <P, Q> ConfigKeys<C, B> include(ConfigKeys<P, Q> part, Function<C, P> get, BiConsumer<B, P> set,
                                          String... except) {
        Set<String> excluded = Set.of(except);
        for (String e : excluded) {
            if (!part.names().contains(e)) {
                throw new IllegalArgumentException("configuration key " + e + " is not a key of the included record");
            }
        }
        for (Key<P, Q> k : part.keys) {
            if (!excluded.contains(k.name)) {
                add(k.name, (c, n) -> k.write.accept(get.apply(c), n), (h, b) -> { });
            }
        }
        // One reader for the whole part, registered under no key: the excluded keys come from the defaults.
        keys.add(new Key<>("", (c, n) -> { }, (h, b) -> {
            ObjectNode node = part.defaults(get.apply(build.apply(newBuilder.get())));
            for (Key<P, Q> k : part.keys) {
                if (!k.name.isEmpty() && !excluded.contains(k.name)) {
                    JsonNode v = h.raw(k.name);
                    node.set(k.name, v == null ? null : v.deepCopy());
                }
            }
            set.accept(b, part.read(Hyperparameters.of(h.algorithm(), node, node)));
        }));
        return this;
    }

    /** The key names, in declaration order. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Key<C, B> k : keys) {
            if (!k.name.isEmpty()) {
                names.add(k.name);
            }
        }
        return names;
    }

    /** Every key with its value in {@code config}. */
    public ObjectNode defaults(C config) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        for (Key<C, B> k : keys) {
            k.write.accept(config, n);
        }
        return n;
    }

    /** Every key with its default: the values of the record a fresh builder builds. */
    public ObjectNode defaults() {
        return defaults(build.apply(newBuilder.get()));
    }

    /** The record with every key's value from {@code h} (which holds every key: the defaults fill the gaps). */
    public C read(Hyperparameters h) {
        B b = newBuilder.get();
        for (Key<C, B> k : keys) {
            k.read.accept(h, b);
        }
        return build.apply(b);
    }

    private static void putSchedule(ObjectNode n, String key, Schedule s) {
        if (s == null) {
            n.putNull(key);
            return;
        }
        Object v = s.configValue();
        if (v instanceof Double d) {
            n.put(key, d);
        } else {
            n.put(key, v.toString());
        }
    }
}
