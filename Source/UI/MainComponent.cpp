#include "UI/MainComponent.h"

#include "Control/AudibleBeat.h"
#include "Model/Identifiers.h"
#include "Streaming/StreamingStats.h"
#include "UI/AudioSettingsPanel.h"
#include "UI/MidiSettingsPanel.h"
#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

MainComponent::MainComponent (AudioDeviceHost& host, Session& s, MidiController& m, SyncController* sync)
    : deviceHost (host)
    , session (s)
    , midi (m)
    , grid (s)
    , editor (s)
    , master (s)
    , cueStrip (s)
    , tempo (s)
    , setActions (s, *this, [this] (const juce::String& text) { showMessage (text); })
    , learnOverlay (m, *this)
{
    setOpaque (true);
    for (auto* c : std::initializer_list<juce::Component*>{
             &grid, &editor, &master, &cueStrip, &tempo, &statusStrip, &audioButton, &setButton, &saveButton,
             &undoButton, &redoButton, &message, &gridSize })
        addAndMakeVisible (c);

    for (auto* b : { &audioButton, &setButton, &saveButton, &undoButton, &redoButton })
        b->setWantsKeyboardFocus (false);
    undoButton.onClick = [this] { undo(); };
    redoButton.onClick = [this] { redo(); };
    audioButton.onClick = [this] { showAudioSettings(); };
    setButton.setTooltip ("New, Open, Save As, Collect samples");
    setButton.onClick = [this]
    { setActions.createMenu().showMenuAsync (juce::PopupMenu::Options().withTargetComponent (&setButton)); };
    saveButton.setTooltip ("Save the set (Ctrl+S)");
    saveButton.onClick = [this] { setActions.save(); };

    static const std::pair<int, int> grids[] = { { 4, 4 }, { 4, 8 }, { 8, 8 } };
    for (int i = 0; i < (int) std::size (grids); ++i)
        gridSize.addItem (juce::String (grids[i].first) + " x " + juce::String (grids[i].second) + " pads",
                          i + 1);
    gridSize.setWantsKeyboardFocus (false);
    gridSize.onChange = [this]
    {
        const auto [rows, columns] = grids[juce::jmax (0, gridSize.getSelectedId() - 1)];
        if (const auto r = session.setGridSize (rows, columns); r.failed())
            showMessage (r.getErrorMessage());
        refresh();
    };

    if (sync != nullptr)
    {
        syncBar = std::make_unique<SyncBar> (*sync);
        addAndMakeVisible (*syncBar);
    }

    // MIDI: the settings dialog and learn, at the right end of the header.
    audioButton.setButtonText ("Audio");
    addAndMakeVisible (midiButton);
    addAndMakeVisible (learnButton);
    addChildComponent (learnOverlay);
    midiButton.setWantsKeyboardFocus (false);
    learnButton.setWantsKeyboardFocus (false);
    learnButton.setClickingTogglesState (true);
    learnButton.setColour (juce::TextButton::buttonOnColourId, Palette::warning);
    learnButton.setColour (juce::TextButton::textColourOnId, Palette::background);
    learnButton.setTooltip ("MIDI learn: click a control, then move a control on your MIDI controller");
    midiButton.onClick = [this] { showMidiSettings(); };
    learnButton.onClick = [this] { midi.setLearning (learnButton.getToggleState()); };
    learnOverlay.onLearned = [this] (const MidiBinding& b)
    { showMessage (b.target.describe() + "  \u2190  " + b.source.describe()); };

    message.setJustificationType (juce::Justification::centredRight);
    message.setColour (juce::Label::textColourId, Palette::warning);
    message.setMinimumHorizontalScale (0.8f);

    grid.onSelectionChanged = [this] (int pad)
    {
        editor.setPad (pad);
        tempo.setSelectedPad (pad);
    };
    grid.onMessage = [this] (const juce::String& text) { showMessage (text); };
    editor.onMessage = [this] (const juce::String& text) { showMessage (text); };
    tempo.onMessage = [this] (const juce::String& text) { showMessage (text); };
    tempo.setSelectedPad (grid.getSelectedPad());
    grid.onLocate = [this] (int pad) { setActions.locate (pad); };
    editor.onLocate = [this] (int pad) { setActions.locate (pad); };
    editor.setPad (grid.getSelectedPad());

    setSize (defaultWidth, defaultHeight);
    refresh();
    startTimerHz (30);
    setWantsKeyboardFocus (true);
}

MainComponent::~MainComponent()
{
    stopTimer();
    // Deleting a dialog directly is safe: JUCE's modal manager lets go of what it was to delete.
    for (auto& dialog : dialogs)
        delete dialog.getComponent();
}

void MainComponent::openDialog (juce::DialogWindow::LaunchOptions& options)
{
    dialogs.erase (std::remove_if (dialogs.begin(), dialogs.end(), [] (auto& d) { return d == nullptr; }),
                   dialogs.end());
    dialogs.emplace_back (options.launchAsync());
}

bool MainComponent::keyPressed (const juce::KeyPress& key)
{
    const auto command = juce::ModifierKeys::commandModifier;
    const auto commandShift = command | juce::ModifierKeys::shiftModifier;
    if (key == juce::KeyPress::escapeKey && midi.isLearning())
        midi.setLearning (false); // Esc ends learn here, not the music
    else if (key == juce::KeyPress ('n', command, 0))
        setActions.newSet();
    else if (key == juce::KeyPress ('o', command, 0))
        setActions.open();
    else if (key == juce::KeyPress ('s', command, 0))
        setActions.save();
    else if (key == juce::KeyPress ('s', commandShift, 0))
        setActions.saveAs (false);
    else if (key == juce::KeyPress ('z', command, 0))
        undo();
    else if (key == juce::KeyPress ('z', commandShift, 0) || key == juce::KeyPress ('y', command, 0))
        redo();
    else
        return grid.keyPressed (key);
    return true;
}

void MainComponent::undo()
{
    const auto what = session.getUndoDescription();
    if (session.undo())
        showMessage ("Undone: " + what);
    refresh();
}

void MainComponent::redo()
{
    const auto what = session.getRedoDescription();
    if (session.redo())
        showMessage ("Redone: " + what);
    refresh();
}

void MainComponent::refreshUndoButtons()
{
    const auto show = [] (juce::Button& button, bool can, const juce::String& tip)
    {
        button.setEnabled (can);
        if (button.getTooltip() != tip)
            button.setTooltip (tip);
    };
    show (undoButton, session.canUndo(),
          session.canUndo() ? "Undo " + session.getUndoDescription() + " (Ctrl+Z)" : "Nothing to undo");
    show (redoButton, session.canRedo(),
          session.canRedo() ? "Redo " + session.getRedoDescription() + " (Ctrl+Shift+Z)" : "Nothing to redo");
}

void MainComponent::refresh()
{
    const auto stats = StreamingStats::get();
    auto& meters = session.getEngine().getMeters();
    EngineFigures figures;
    figures.voices = meters.activeVoices.load();
    figures.streamUnderruns = stats.underruns;
    figures.ramBytes = stats.sampleRamBytes;
    figures.streamBufferBytes = stats.streamRingBytes;
    figures.keyLockUnderruns = session.getEngine().getKeyLockPool().getTotalUnderruns();
    figures.keyLockFallbacks = meters.keyLockFallbacks.load();
    figures.hitsDropped = meters.hitsDropped.load();
    figures.commandsDropped = meters.commandsDropped.load();
    figures.launchesDropped = meters.launchesDropped.load();
    figures.midiInputDropped = session.getEngine().getDeviceCallback().getMidiDropped();
    figures.midiControlDropped = meters.controlEventsDropped.load();
    const auto status = deviceHost.getStatus();
    if (const auto moveFrames = session.getEngine().getKeyLockPool().getLastMoveLatencyFrames();
        moveFrames >= 0 && status.sampleRate > 0.0)
        figures.keyLockMoveMs = 1000.0 * (double) moveFrames / status.sampleRate;
    statusStrip.setStatus (status, figures);
    cueStrip.setDeviceStatus (status);
    refreshUndoButtons();

    session.checkStreams();

    // The beat the performer hears, from the engine's clock: the tempo strip's lights and the
    // queued pads' flashes move on it.
    const auto beat = AudibleBeat::now (
        session.getEngine().getMeters(),
        AudibleBeat::latencySeconds (deviceHost.getDeviceManager().getCurrentAudioDevice()));
    tempo.refresh (beat);
    grid.setFlashLit (AudibleBeat::isFlashLit (beat));
    grid.refresh();
    editor.refreshStatus();
    master.refresh();
    cueStrip.refresh();
    const int rows = session.getSet()[IDs::gridRows], columns = session.getSet()[IDs::gridColumns];
    gridSize.setSelectedId (rows == 8 ? 3 : (columns == 8 ? 2 : 1), juce::dontSendNotification);
    session.getEngine().collectGarbage();
    learnButton.setToggleState (midi.isLearning(), juce::dontSendNotification);
    if (syncBar != nullptr)
        syncBar->refresh();

    if (const auto title = setActions.getTitle(); title != shownTitle)
    {
        shownTitle = title;
        repaint (getLocalBounds().removeFromTop (48));
        if (auto* window = findParentComponentOfClass<juce::DocumentWindow>())
            window->setName ("PadDeck - " + title);
    }

    if (messageUntil != 0 && juce::Time::getMillisecondCounter() > messageUntil)
    {
        message.setText ({}, juce::dontSendNotification);
        messageUntil = 0;
        repaint (getLocalBounds().removeFromTop (48));
    }
}

void MainComponent::showMessage (const juce::String& text)
{
    message.setText (text, juce::dontSendNotification);
    messageUntil = juce::Time::getMillisecondCounter() + 6000;
    repaint (getLocalBounds().removeFromTop (48));
}

void MainComponent::setAppIcon (const juce::Image& icon)
{
    appIcon = icon;
    repaint (getLocalBounds().removeFromTop (48));
}

void MainComponent::showAudioSettings()
{
    juce::DialogWindow::LaunchOptions options;
    options.content.setOwned (
        new AudioSettingsPanel (deviceHost.getDeviceManager(), session.getStretches().getCache(), settings));
    options.dialogTitle = "Audio settings";
    options.dialogBackgroundColour = Palette::panel;
    options.escapeKeyTriggersCloseButton = true;
    options.useNativeTitleBar = true;
    options.resizable = false;
    openDialog (options);
}

void MainComponent::showMidiSettings()
{
    juce::DialogWindow::LaunchOptions options;
    options.content.setOwned (new MidiSettingsPanel (midi));
    options.dialogTitle = "MIDI settings";
    options.dialogBackgroundColour = Palette::panel;
    options.escapeKeyTriggersCloseButton = true;
    options.useNativeTitleBar = true;
    options.resizable = true;
    openDialog (options);
}

void MainComponent::paint (juce::Graphics& g)
{
    g.fillAll (Palette::background);

    auto header = getLocalBounds().removeFromTop (48).reduced (16, 0);
    if (appIcon.isValid())
        g.drawImage (appIcon, header.removeFromLeft (36).withSizeKeepingCentre (28, 28).toFloat(),
                     juce::RectanglePlacement::centred);
    g.setColour (Palette::text);
    g.setFont (juce::Font (24.0f, juce::Font::bold));
    g.drawText ("PadDeck", header.removeFromLeft (appIcon.isValid() ? 110 : 130),
                juce::Justification::centredLeft, false);

    // With sync in the header, a message stands where the set's name is, for as long as it shows.
    if (syncBar != nullptr && message.getText().isNotEmpty())
        return;
    g.setColour (session.isDirty() ? Palette::text : Palette::textDim);
    g.setFont (juce::Font (14.0f));
    const auto titleWidth = syncBar != nullptr ? juce::jmin (220, syncBar->getX() - header.getX() - 10) : 220;
    g.drawText (shownTitle, header.removeFromLeft (juce::jmax (0, titleWidth)),
                juce::Justification::centredLeft, true);
}

void MainComponent::resized()
{
    auto area = getLocalBounds();
    statusStrip.setBounds (area.removeFromBottom (StatusStrip::preferredHeight));

    // Right to left: Learn and MIDI, the audio settings, the grid, the set's Save and its menu, Undo
    // and Redo; the message takes what is left after the title.
    auto header = area.removeFromTop (48).reduced (12, 8);
    learnButton.setBounds (header.removeFromRight (64));
    header.removeFromRight (6);
    midiButton.setBounds (header.removeFromRight (64));
    header.removeFromRight (16);
    learnOverlay.setBounds (getLocalBounds().withTrimmedTop (48));
    audioButton.setBounds (header.removeFromRight (80));
    header.removeFromRight (6);
    gridSize.setBounds (header.removeFromRight (120));
    header.removeFromRight (16);
    saveButton.setBounds (header.removeFromRight (64));
    header.removeFromRight (6);
    setButton.setBounds (header.removeFromRight (64));
    header.removeFromRight (16);
    redoButton.setBounds (header.removeFromRight (56));
    header.removeFromRight (6);
    undoButton.setBounds (header.removeFromRight (56));
    header.removeFromRight (10);
    if (syncBar != nullptr)
    {
        // LINK and the transport sit left of the set's buttons; a message takes the set name's place.
        // On a narrow window the MIDI clock's tempo goes first, then the set's name.
        const auto width =
            juce::jlimit (SyncBar::minimumWidth, SyncBar::preferredWidth, header.getWidth() - 160);
        syncBar->setBounds (header.removeFromRight (width));
        header.removeFromRight (10);
        message.setBounds (header.withTrimmedLeft (appIcon.isValid() ? 150 : 140));
    }
    else
    {
        message.setBounds (header.withTrimmedLeft (360));
    }

    tempo.setBounds (area.removeFromTop (TempoStrip::preferredHeight).reduced (12, 0));
    area.removeFromTop (4);
    area.reduce (12, 4);
    area.removeFromBottom (8);
    master.setBounds (area.removeFromRight (140));
    area.removeFromRight (8);
    cueStrip.setBounds (area.removeFromRight (112));
    area.removeFromRight (10);
    editor.setBounds (area.removeFromRight (330));
    area.removeFromRight (10);
    grid.setBounds (area);
}

} // namespace paddeck
