package dev.desktopidentity.samples.desktop;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.WindowConstants;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignInCancelledException;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.samples.demo.ApiClient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The sample's window: who is signed in, buttons to sign in, sign out and call the API,
 * and what happened. Sign-in and API calls run on worker threads, never on the event
 * dispatch thread, so the window stays responsive while the user signs in. Closing the
 * window stops the application.
 */
@Component
class SampleWindow {

	static final String TITLE = "desktop-identity desktop sample";

	private final InteractiveTokenProvider tokens;

	private final ApiClient api;

	private final SignedInAccounts accounts;

	private final SampleView view;

	private final ConfigurableApplicationContext context;

	// Created and used on the event dispatch thread only.
	private List<JButton> buttons = List.of();

	SampleWindow(InteractiveTokenProvider tokens, ApiClient api, SignedInAccounts accounts, SampleView view,
			ConfigurableApplicationContext context) {
		this.tokens = tokens;
		this.api = api;
		this.accounts = accounts;
		this.view = view;
		this.context = context;
	}

	@EventListener(ApplicationReadyEvent.class)
	void open() {
		SwingUtilities.invokeLater(this::show);
	}

	private void show() {
		JFrame frame = new JFrame(TITLE);
		frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
		frame.addWindowListener(new WindowAdapter() {

			@Override
			public void windowClosed(WindowEvent event) {
				new Thread(() -> System.exit(SpringApplication.exit(SampleWindow.this.context)), "exit").start();
			}

		});
		this.buttons = List.of(button("Sign in", KeyEvent.VK_I, this::signIn),
				button("Sign out", KeyEvent.VK_O, this::signOut), button("Call API", KeyEvent.VK_A, this::callApi));
		JPanel buttonPanel = new JPanel(new FlowLayout(FlowLayout.LEADING));
		this.buttons.forEach(buttonPanel::add);
		frame.getContentPane().add(this.view.create(buttonPanel), BorderLayout.CENTER);
		frame.pack();
		frame.setLocationRelativeTo(null);
		frame.setVisible(true);
		this.view.showMessage("Press Sign in, or Call API (which signs you in first if needed).");
	}

	private void signIn() {
		this.view.showMessage("Signing in…");
		inBackground(this.tokens::getToken, (token) -> {
			this.view.showAccount(token.getAccount().username());
			this.view.showMessage("Signed in.");
		});
	}

	private void signOut() {
		inBackground(this.accounts::signOutAll, (result) -> {
			this.view.showAccount(null);
			// whether the identity provider revoked the refresh token, or only this computer forgot it
			this.view.showMessage(result.accounts().isEmpty() ? "Nobody was signed in."
					: "Signed out. " + result.description());
		});
	}

	private void callApi() {
		this.view.showMessage("Calling " + this.api.url() + "…");
		inBackground(() -> {
			// the call gets the token from the starter; this shows whose it is
			AccessToken token = this.tokens.getToken();
			this.view.showAccount(token.getAccount().username());
			return this.api.call();
		}, (answer) -> this.view.showMessage(this.api.url() + " answered:\n" + answer));
	}

	/**
	 * Run a task off the event dispatch thread with the buttons disabled, then hand its
	 * result to {@code then} or show what went wrong.
	 */
	private <T> void inBackground(Callable<T> task, Consumer<T> then) {
		this.buttons.forEach((button) -> button.setEnabled(false));
		new SwingWorker<T, Void>() {

			@Override
			protected T doInBackground() throws Exception {
				return task.call();
			}

			@Override
			protected void done() {
				SampleWindow.this.buttons.forEach((button) -> button.setEnabled(true));
				try {
					then.accept(get());
				}
				catch (ExecutionException ex) {
					showFailure(ex.getCause());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		}.execute();
	}

	private void showFailure(Throwable failure) {
		if (failure instanceof SignInCancelledException) {
			this.view.showMessage("Sign-in was cancelled.");
		}
		else if (failure instanceof TokenAcquisitionException) {
			this.view.showMessage("Sign-in failed: " + failure.getMessage());
		}
		else if (failure instanceof ApiClient.ApiException) {
			this.view.showMessage("The API call failed: " + failure.getMessage());
		}
		else {
			this.view.showMessage("Something went wrong: " + failure);
		}
	}

	private static JButton button(String text, int mnemonic, Runnable action) {
		JButton button = new JButton(text);
		button.setMnemonic(mnemonic);
		button.addActionListener((event) -> action.run());
		return button;
	}

}
