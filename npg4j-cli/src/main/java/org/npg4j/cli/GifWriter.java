package org.npg4j.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF built in memory with the JDK's GIF writer (javax.imageio): every frame gets a graphic control
 * extension with the frame delay, the first one the NETSCAPE2.0 application extension that makes viewers loop
 * forever. RGB frames are reduced to a 256-colour palette by the writer.
 */
final class GifWriter implements AutoCloseable {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ImageOutputStream stream;
    private final ImageWriter writer;
    private final int delayCentiseconds;
    private int frames;

    /** A GIF whose frames last {@code delayCentiseconds} hundredths of a second (GIF's unit). */
    GifWriter(int delayCentiseconds) {
        if (delayCentiseconds < 1) {
            throw new IllegalArgumentException("frame delay must be at least 1 cs, got " + delayCentiseconds);
        }
        this.delayCentiseconds = delayCentiseconds;
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("gif");
        if (!it.hasNext()) {
            throw new IllegalStateException("this Java runtime has no GIF writer");
        }
        writer = it.next();
        try {
            stream = ImageIO.createImageOutputStream(bytes);
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The delay of a frame shown at {@code fps} frames per second, in centiseconds (at least 1). */
    static int delayOf(double fps) {
        return Math.max(1, (int) Math.round(100.0 / fps));
    }

    /** Appends a frame (all frames should have the first one's size). */
    void add(BufferedImage frame) {
        IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
        IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        gce.setAttribute("transparentColorIndex", "0");
        if (frames == 0) {
            IIOMetadataNode ext = new IIOMetadataNode("ApplicationExtension");
            ext.setAttribute("applicationID", "NETSCAPE");
            ext.setAttribute("authenticationCode", "2.0");
            ext.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(ext);
        }
        try {
            md.setFromTree(FORMAT, root);
            writer.writeToSequence(new IIOImage(frame, null, md), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frames++;
    }

    int frames() {
        return frames;
    }

    /** Ends the sequence and returns the file's bytes. */
    byte[] finish() {
        if (frames == 0) {
            throw new IllegalStateException("a GIF needs at least one frame");
        }
        try {
            writer.endWriteSequence();
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
