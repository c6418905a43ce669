package dev.desktopidentity.samples.desktop;

import java.awt.BorderLayout;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the window shows: who is signed in, and a message (sign-in instructions, the API's
 * answer, errors). Can be updated from any thread; the components are created and changed
 * on the event dispatch thread only. Nothing it shows is logged: sign-in pages are for the
 * user's eyes. With {@code sample.echo-window=true}, each change is also printed to
 * standard output, for scripted tests that cannot read the screen.
 *
 * @since 0.1.0
 */
@Component
public class SampleView {

	static final String NOT_SIGNED_IN = "Not signed in";

	private final boolean echo;

	private volatile String accountText = NOT_SIGNED_IN;

	private final StringBuffer messageText = new StringBuffer();

	private @Nullable JLabel account;

	private @Nullable JTextArea message;

	SampleView(@Value("${sample.echo-window:false}") boolean echo) {
		this.echo = echo;
	}

	/**
	 * Create the components that show the account and the message; call on the event
	 * dispatch thread.
	 * @param buttons the buttons to show between them
	 * @return the components
	 */
	JComponent create(JComponent buttons) {
		JLabel account = new JLabel(this.accountText);
		account.setFont(account.getFont().deriveFont(Font.BOLD, 16f));
		account.setBorder(BorderFactory.createEmptyBorder(8, 8, 4, 8));
		JTextArea message = new JTextArea(this.messageText.toString(), 16, 70);
		message.setEditable(false);
		message.setLineWrap(true);
		message.setWrapStyleWord(true);
		message.setBorder(BorderFactory.createEmptyBorder(4, 4, 4, 4));
		this.account = account;
		this.message = message;
		JPanel top = new JPanel(new BorderLayout());
		top.add(account, BorderLayout.NORTH);
		top.add(buttons, BorderLayout.SOUTH);
		JPanel panel = new JPanel(new BorderLayout());
		panel.add(top, BorderLayout.NORTH);
		panel.add(new JScrollPane(message), BorderLayout.CENTER);
		return panel;
	}

	/**
	 * Show who is signed in.
	 * @param username the signed-in user, or {@code null} when nobody is
	 */
	public void showAccount(@Nullable String username) {
		String text = (username != null) ? "Signed in as " + username : NOT_SIGNED_IN;
		this.accountText = text;
		echo("account", text);
		SwingUtilities.invokeLater(() -> {
			if (this.account != null) {
				this.account.setText(text);
			}
		});
	}

	/**
	 * Replace the message with the given text.
	 * @param text the text to show
	 */
	public void showMessage(String text) {
		this.messageText.replace(0, this.messageText.length(), text);
		echo("message", text);
		SwingUtilities.invokeLater(() -> {
			if (this.message != null) {
				this.message.setText(text);
				this.message.setCaretPosition(0);
			}
		});
	}

	/**
	 * Add the given text to the message.
	 * @param text the text to add
	 */
	public void appendMessage(String text) {
		this.messageText.append(text);
		echo("message continued", text);
		SwingUtilities.invokeLater(() -> {
			if (this.message != null) {
				this.message.append(text);
			}
		});
	}

	private void echo(String what, String text) {
		if (this.echo) {
			System.out.println("[window] " + what + ": " + text.strip().replaceAll("\\s*\n\\s*", " "));
		}
	}

}
