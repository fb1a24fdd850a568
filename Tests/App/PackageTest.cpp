#include "Support/BackgroundProcess.h"
#include "Support/InstalledTree.h"
#include "Support/TestAudio.h"

#include <gtest/gtest.h>

namespace paddeck
{

/** The .deb as CPack builds it (with dpkg-shlibdeps), unpacked with dpkg-deb and checked with
    Debian's own tools: desktop-file-validate, appstreamcli (no network), update-mime-database and
    lintian. Labelled "packaging" in ctest. */
struct Package : ::testing::Test
{
    void SetUp() override
    {
        // A package directory of its own, so two of these tests can build at the same time.
        std::string out;
        ASSERT_EQ (test::BackgroundProcess::run (
                       { "sh", "-c",
                         "cd '" PADDECK_BUILD_DIR "' && exec '" PADDECK_CPACK_COMMAND "' -G DEB -B '"
                             + (temp / "cpack").getFullPathName().toStdString() + "'" },
                       &out, 600),
                   0)
            << out;
        const auto debs = (temp / "cpack").findChildFiles (juce::File::findFiles, false, "paddeck_*.deb");
        ASSERT_EQ (debs.size(), 1) << out;
        deb = debs[0];
    }

    std::string run (const std::vector<std::string>& argv, int* rc = nullptr)
    {
        std::string out;
        const int code = test::BackgroundProcess::run (argv, &out, 600);
        if (rc != nullptr)
            *rc = code;
        return out;
    }

    std::string field (const std::string& name) { return run ({ "dpkg-deb", "--field", debPath(), name }); }
    std::string debPath() const { return deb.getFullPathName().toStdString(); }

    test::TempFolder temp;
    juce::File deb;
};

TEST_F (Package, HoldsTheProgramItsAssetsAndDesktopFilesAndDependsOnItsLibraries)
{
    const auto root = temp / "root";
    int rc = 0;
    const auto out = run ({ "dpkg-deb", "-x", debPath(), root.getFullPathName().toStdString() }, &rc);
    ASSERT_EQ (rc, 0) << out;

    for (const auto* path :
         { "usr/bin/PadDeck", "usr/share/paddeck/DemoBank/Demo.paddeck",
           "usr/share/paddeck/DemoBank/01 Kick.wav", "usr/share/paddeck/MidiPresets/Akai APC mini.json",
           "usr/share/paddeck/Icon.png", "usr/share/applications/org.paddeck.PadDeck.desktop",
           "usr/share/metainfo/org.paddeck.PadDeck.metainfo.xml",
           "usr/share/mime/packages/org.paddeck.PadDeck.xml",
           "usr/share/icons/hicolor/scalable/apps/org.paddeck.PadDeck.svg",
           "usr/share/icons/hicolor/256x256/apps/org.paddeck.PadDeck.png",
           "usr/share/icons/hicolor/16x16/apps/org.paddeck.PadDeck.png", "usr/share/man/man1/PadDeck.1.gz",
           "usr/share/doc/paddeck/copyright", "usr/share/doc/paddeck/changelog.gz" })
        EXPECT_TRUE (root.getChildFile (path).existsAsFile()) << path;

    // Depends, as dpkg-shlibdeps worked it out from the program's libraries.
    const auto depends = field ("Depends");
    for (const auto* library : { "libc6", "libstdc++6", "libasound2", "libjack-jackd2-0", "librubberband2",
                                 "libmpg123-0", "libflac12", "libvorbis0a", "libfreetype6", "libpng16-16" })
        EXPECT_NE (depends.find (library), std::string::npos) << library << " missing from: " << depends;
    EXPECT_EQ (depends.find ("-dev"), std::string::npos) << depends;
    EXPECT_EQ (field ("Package"), "paddeck\n");
    EXPECT_EQ (field ("Version"), std::string (PADDECK_VERSION) + "\n");

    // A machine with only what Depends names has every library the program loads: the ones it
    // links (NEEDED) and the X11 ones JUCE opens with dlopen(), each from a package in Depends.
    const auto binary = root.getChildFile ("usr/bin/PadDeck").getFullPathName().toStdString();
    auto libraries = juce::StringArray::fromLines (
        run ({ "sh", "-c", "objdump -p '" + binary + "' | awk '/NEEDED/ { print $2 }'" }));
    libraries.addArray ({ "libX11.so.6", "libXext.so.6", "libXcursor.so.1", "libXinerama.so.1",
                          "libXrender.so.1", "libXrandr.so.2" });
    libraries.removeEmptyStrings();
    EXPECT_GT (libraries.size(), 15);
    for (const auto& library : libraries)
    {
        const auto owner =
            juce::String (run ({ "dpkg", "-S", "*/x86_64-linux-gnu/" + library.toStdString() }))
                .upToFirstOccurrenceOf (":", false, false);
        EXPECT_TRUE (owner.isNotEmpty() && juce::String (depends).contains (owner))
            << library << " comes from " << owner << ", not in: " << depends;
    }

    // Every library the program needs resolves on this machine (ldd finds no "not found").
    const auto ldd = run ({ "ldd", root.getChildFile ("usr/bin/PadDeck").getFullPathName().toStdString() });
    EXPECT_EQ (ldd.find ("not found"), std::string::npos) << ldd;

    // The desktop entry, the metainfo and the MIME type pass Debian's validators.
    const auto desktop = root.getChildFile ("usr/share/applications/org.paddeck.PadDeck.desktop");
    EXPECT_EQ (run ({ "desktop-file-validate", desktop.getFullPathName().toStdString() }), "");
    const auto entry = desktop.loadFileAsString();
    EXPECT_TRUE (entry.contains ("MimeType=application/x-paddeck-set;"));
    EXPECT_TRUE (entry.contains ("X-NSM-Capable=true"));
    EXPECT_TRUE (entry.contains ("Exec=PadDeck %f"));

    const auto metainfo = run ({ "appstreamcli", "validate", "--no-net", "--pedantic",
                                 root.getChildFile ("usr/share/metainfo/org.paddeck.PadDeck.metainfo.xml")
                                     .getFullPathName()
                                     .toStdString() },
                               &rc);
    EXPECT_EQ (rc, 0) << metainfo;
    const auto tree =
        run ({ "appstreamcli", "validate-tree", "--no-net", root.getFullPathName().toStdString() }, &rc);
    EXPECT_EQ (rc, 0) << tree;

    // shared-mime-info compiles the type: *.paddeck is application/x-paddeck-set.
    const auto mime = temp / "mime";
    mime.getChildFile ("packages").createDirectory();
    juce::File ("/usr/share/mime/packages/freedesktop.org.xml")
        .copyFileTo (mime.getChildFile ("packages/freedesktop.org.xml"));
    root.getChildFile ("usr/share/mime/packages/org.paddeck.PadDeck.xml")
        .copyFileTo (mime.getChildFile ("packages/org.paddeck.PadDeck.xml"));
    const auto update = run ({ "update-mime-database", "-V", mime.getFullPathName().toStdString() }, &rc);
    ASSERT_EQ (rc, 0) << update;
    EXPECT_TRUE (
        mime.getChildFile ("globs2").loadFileAsString().contains ("application/x-paddeck-set:*.paddeck"));
    EXPECT_TRUE (mime.getChildFile ("application/x-paddeck-set.xml").existsAsFile());
}

TEST_F (Package, LintianFindsNoErrors)
{
    int rc = 0;
    const auto out = run (
        { "lintian", "--fail-on", "error", "--tag-display-limit", "0", "--info", "--pedantic", debPath() },
        &rc);
    EXPECT_EQ (rc, 0) << out;
    EXPECT_EQ (out.find ("E: "), std::string::npos) << out;
    // Warnings are fixed as they come; the info-level tags left are explained in the README.
    EXPECT_EQ (out.find ("W: "), std::string::npos) << out;
    std::cout << "lintian says:\n" << out << std::endl;
}

TEST_F (Package, InstallsAndRunsWhenRootInCI)
{
    if (getuid() != 0 || juce::SystemStats::getEnvironmentVariable ("CI", {}).isEmpty())
        GTEST_SKIP() << "installs into the system only as root in CI (CI=true)";
    int rc = 0;
    if (run ({ "dpkg-query", "-W", "paddeck" }, &rc).size() > 0 && rc == 0)
        GTEST_SKIP() << "a paddeck package is already installed here; it is left alone";

    const auto install = run ({ "dpkg", "-i", debPath() }, &rc);
    ASSERT_EQ (rc, 0) << install;
    std::string out;
    const int version =
        test::runWithSourceTreeHidden ({ "/usr/bin/PadDeck", "--version" }, temp.folder, &out);
    const auto remove = run ({ "dpkg", "-r", "paddeck" }, &rc);
    EXPECT_EQ (version, 0) << out;
    EXPECT_NE (out.find (std::string ("PadDeck ") + PADDECK_VERSION), std::string::npos) << out;
    EXPECT_EQ (rc, 0) << remove;
    EXPECT_FALSE (juce::File ("/usr/bin/PadDeck").exists());
}

} // namespace paddeck
