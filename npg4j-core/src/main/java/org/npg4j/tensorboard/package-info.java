/**
 * TensorBoard event files: {@link org.npg4j.tensorboard.TensorBoardLogger} writes the metrics of a training run as
 * scalar summaries that {@code tensorboard --logdir runs/} shows, as Stable-Baselines3's {@code tensorboard_log}
 * does. The messages are generated at build time from {@code src/main/protobuf/org/npg4j/tensorboard/event.proto},
 * a subset of TensorFlow's published {@code event.proto} and {@code summary.proto} with their field numbers.
 */
package org.npg4j.tensorboard;
