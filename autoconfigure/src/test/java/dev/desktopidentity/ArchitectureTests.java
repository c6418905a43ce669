package dev.desktopidentity;

import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.desktopidentity.architecture.violations.adapter.msal.UnusedPublicAdapter;
import dev.desktopidentity.architecture.violations.cycle.cache.CacheUsingSignIn;
import dev.desktopidentity.architecture.violations.layering.cache.CacheUsingAutoConfiguration;
import dev.desktopidentity.architecture.violations.signature.signin.ApiNamingAnAdapter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's packages depend on each other in one direction:
 * {@code core <- cache <- msal <- signin}, {@code core <- http}, {@code core <- observation},
 * and {@code autoconfigure} on all of them, never the other way round; no public signature of
 * an application-facing package names a type of {@code msal}, which is for the starter's own
 * packages; and {@code msal} makes public only what other packages use.
 * <p>
 * Each rule is also run against classes made to break it: test sources under
 * {@code dev.desktopidentity.architecture.violations.<case>}, whose sub-packages stand for the
 * library's packages, so that a rule that could never fail is noticed.
 */
class ArchitectureTests {

	private static final String ROOT = "dev.desktopidentity";

	private static JavaClasses library;

	@BeforeAll
	static void importLibrary() {
		library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption((location) -> !location.contains("/dev/desktopidentity/test/"))
			.importPackages(ROOT);
	}

	@Test
	void libraryHasEveryPackage() {
		assertThat(library.stream().map(JavaClass::getPackageName).distinct()).contains(ROOT, ROOT + ".cache",
				ROOT + ".msal", ROOT + ".signin", ROOT + ".http", ROOT + ".observation", ROOT + ".autoconfigure");
	}

	@Test
	void packagesDependInOneDirection() {
		layers(ROOT).check(library);
	}

	@Test
	void packagesAreFreeOfCycles() {
		cycles(ROOT).check(library);
	}

	@Test
	void applicationFacingSignaturesNameNoAdapterType() {
		applicationFacingSignatures(ROOT).check(library);
	}

	@Test
	void adapterTypesArePublicOnlyWhenAnotherPackageUsesThem() {
		adapterTypesPublicOnlyWhenUsed(ROOT).check(library);
	}

	@Test
	void layersRejectALibraryPackageThatUsesAutoConfiguration() {
		assertThat(violates(CacheUsingAutoConfiguration.class, ArchitectureTests::layers)).isTrue();
	}

	@Test
	void cyclesRejectTwoPackagesThatUseEachOther() {
		assertThat(violates(CacheUsingSignIn.class, ArchitectureTests::cycles)).isTrue();
	}

	@Test
	void signaturesRejectAnApplicationFacingTypeThatNamesAnAdapter() {
		assertThat(violates(ApiNamingAnAdapter.class, ArchitectureTests::applicationFacingSignatures)).isTrue();
	}

	@Test
	void adapterRuleRejectsAPublicTypeNoOtherPackageUses() {
		assertThat(violates(UnusedPublicAdapter.class, ArchitectureTests::adapterTypesPublicOnlyWhenUsed)).isTrue();
	}

	/**
	 * Return whether the rule finds a violation in the case that the class belongs to,
	 * with the case's package as the root.
	 */
	private static boolean violates(Class<?> violation, Function<String, ArchRule> rule) {
		String packageName = violation.getPackageName();
		String root = packageName.substring(0, packageName.lastIndexOf('.'));
		return rule.apply(root).evaluate(new ClassFileImporter().importPackages(root)).hasViolation();
	}

	private static ArchRule layers(String root) {
		return layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("core").definedBy(root)
			.layer("cache").definedBy(root + ".cache..")
			.layer("msal").definedBy(root + ".msal..")
			.layer("signin").definedBy(root + ".signin..")
			.layer("http").definedBy(root + ".http..")
			.layer("observation").definedBy(root + ".observation..")
			.layer("autoconfigure").definedBy(root + ".autoconfigure..")
			.whereLayer("core").mayNotAccessAnyLayer()
			.whereLayer("cache").mayOnlyAccessLayers("core")
			.whereLayer("msal").mayOnlyAccessLayers("core", "cache")
			.whereLayer("signin").mayOnlyAccessLayers("core", "cache", "msal")
			.whereLayer("http").mayOnlyAccessLayers("core")
			.whereLayer("observation").mayOnlyAccessLayers("core")
			.whereLayer("autoconfigure").mayNotBeAccessedByAnyLayer()
			.allowEmptyShould(true);
	}

	private static ArchRule cycles(String root) {
		return slices().assignedFrom(new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
				String name = javaClass.getPackageName();
				return (name.equals(root) || name.startsWith(root + ".")) ? SliceIdentifier.of(name)
						: SliceIdentifier.ignore();
			}

			@Override
			public String getDescription() {
				return "packages of " + root;
			}

		}).should().beFreeOfCycles().allowEmptyShould(true);
	}

	private static ArchRule applicationFacingSignatures(String root) {
		String adapter = root + ".msal";
		return classes().that()
			.arePublic()
			.and(new DescribedPredicate<>("are in a package applications use") {

				@Override
				public boolean test(JavaClass javaClass) {
					String name = javaClass.getPackageName();
					return (name.equals(root) || name.startsWith(root + ".")) && !name.startsWith(adapter);
				}

			})
			.should(new ArchCondition<>("name no type of " + adapter + " in a public signature") {

				@Override
				public void check(JavaClass javaClass, ConditionEvents events) {
					Stream<JavaCodeUnit> codeUnits = javaClass.getCodeUnits()
						.stream()
						.filter((unit) -> isVisible(unit.getModifiers()));
					codeUnits.forEach((unit) -> {
						Stream<JavaType> types = Stream.concat(Stream.of(unit.getReturnType()),
								unit.getParameterTypes().stream());
						types.flatMap((type) -> type.getAllInvolvedRawTypes().stream())
							.filter((type) -> type.getPackageName().startsWith(adapter))
							.forEach((type) -> events.add(SimpleConditionEvent.violated(unit,
									unit.getFullName() + " names " + type.getName())));
					});
					for (JavaField field : javaClass.getFields()) {
						if (isVisible(field.getModifiers()) && field.getRawType().getPackageName().startsWith(adapter)) {
							events.add(SimpleConditionEvent.violated(field,
									field.getFullName() + " is a " + field.getRawType().getName()));
						}
					}
				}

			})
			.allowEmptyShould(true);
	}

	private static ArchRule adapterTypesPublicOnlyWhenUsed(String root) {
		String adapter = root + ".msal";
		return classes().that()
			.resideInAPackage(adapter + "..")
			.and()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.should(new ArchCondition<>("be used by another package") {

				@Override
				public void check(JavaClass javaClass, ConditionEvents events) {
					boolean used = javaClass.getDirectDependenciesToSelf()
						.stream()
						.anyMatch((dependency) -> !dependency.getOriginClass()
							.getPackageName()
							.equals(javaClass.getPackageName()));
					if (!used) {
						events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
								+ " is public but no other package uses it: make it package-private"));
					}
				}

			})
			.allowEmptyShould(true);
	}

	private static boolean isVisible(Set<JavaModifier> modifiers) {
		return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
	}

}
