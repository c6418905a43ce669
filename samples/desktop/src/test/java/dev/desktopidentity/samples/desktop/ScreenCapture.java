package dev.desktopidentity.samples.desktop;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.io.File;

import javax.imageio.ImageIO;

/**
 * Saves what the screen of {@code DISPLAY} shows as a PNG image; run in a JVM of its own
 * by {@link VirtualDisplay#screenshot}.
 */
public final class ScreenCapture {

	private ScreenCapture() {
	}

	public static void main(String[] args) throws Exception {
		Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
		if (!ImageIO.write(new Robot().createScreenCapture(screen), "png", new File(args[0]))) {
			throw new IllegalStateException("No PNG writer");
		}
	}

}
