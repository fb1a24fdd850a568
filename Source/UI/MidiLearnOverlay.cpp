#include "UI/MidiLearnOverlay.h"

#include "UI/MidiLearnTag.h"
#include "UI/PadDeckLookAndFeel.h"

namespace paddeck
{

MidiLearnOverlay::MidiLearnOverlay (MidiController& m, juce::Component& c)
    : midi (m)
    , controls (c)
{
    setAlwaysOnTop (true);
    setWantsKeyboardFocus (false);
    midi.addChangeListener (this);
    update();
}

MidiLearnOverlay::~MidiLearnOverlay() { midi.removeChangeListener (this); }

void MidiLearnOverlay::update()
{
    const bool learning = midi.isLearning();
    if (!learning)
        awaited.reset();
    if (learning != isVisible())
    {
        setVisible (learning);
        if (learning)
        {
            toFront (false);
            startTimerHz (5);
        }
        else
        {
            stopTimer();
        }
    }
    shown = findMappables();
    repaint();
}

void MidiLearnOverlay::changeListenerCallback (juce::ChangeBroadcaster*)
{
    // Learn clears the target when it binds: tell the performer what was bound to what.
    if (awaited && !midi.getLearnTarget() && midi.isLearning())
        if (const auto learned = midi.getLastLearned(); learned && learned->target == *awaited && onLearned)
            onLearned (*learned);
    if (!midi.getLearnTarget())
        awaited.reset();
    update();
}

void MidiLearnOverlay::timerCallback()
{
    // Controls move when the window resizes, the grid changes size or another pad is selected.
    const auto now = findMappables();
    const bool same =
        std::equal (now.begin(), now.end(), shown.begin(), shown.end(),
                    [] (const Mappable& a, const Mappable& b)
                    { return a.target.toString() == b.target.toString() && a.bounds == b.bounds; });
    if (!same)
    {
        shown = now;
        repaint();
    }
}

std::vector<MidiLearnOverlay::Mappable> MidiLearnOverlay::findMappables() const
{
    std::vector<Mappable> found;
    std::function<void (juce::Component&)> visit = [&] (juce::Component& component)
    {
        for (auto* child : component.getChildren())
        {
            if (child == this || !child->isVisible())
                continue;
            if (const auto target = MidiLearnTag::get (*child))
                found.push_back ({ *target, getLocalArea (child, child->getLocalBounds()) });
            visit (*child);
        }
    };
    visit (controls);
    return found;
}

std::optional<MidiTarget> MidiLearnOverlay::targetAt (juce::Point<int> position) const
{
    // The deepest visible component under the point, as a click would reach it without the overlay.
    juce::Component* component = &controls;
    auto point = controls.getLocalPoint (this, position);
    if (!controls.getLocalBounds().contains (point))
        return std::nullopt;

    for (bool descended = true; descended;)
    {
        descended = false;
        const auto& children = component->getChildren();
        for (int i = children.size(); --i >= 0;)
        {
            auto* child = children.getUnchecked (i);
            if (child == this || !child->isVisible() || !child->getBounds().contains (point))
                continue;
            point -= child->getPosition();
            component = child;
            descended = true;
            break;
        }
    }

    if (auto* tagged = MidiLearnTag::findTagged (component))
        return MidiLearnTag::get (*tagged);
    return std::nullopt;
}

bool MidiLearnOverlay::selectTargetAt (juce::Point<int> position)
{
    const auto target = targetAt (position);
    awaited = target;
    midi.setLearnTarget (target);
    repaint();
    return target.has_value();
}

bool MidiLearnOverlay::removeBindingAt (juce::Point<int> position)
{
    const auto target = targetAt (position);
    if (!target || midi.getMapping().indexOf (*target) < 0)
        return false;

    auto mapping = midi.getMapping();
    for (int i; (i = mapping.indexOf (*target)) >= 0;)
        mapping.remove (i);
    midi.setMapping (mapping);
    return true;
}

juce::String MidiLearnOverlay::shortLabel (const MidiSource& source)
{
    juce::String text;
    switch (source.type)
    {
        case MidiSource::Type::note:
            text = "N" + juce::String (source.number);
            break;
        case MidiSource::Type::controller:
            text = "CC" + juce::String (source.number);
            break;
        case MidiSource::Type::pitchBend:
            text = "PB";
            break;
    }
    return source.channel == 0 ? text : text + " ch" + juce::String (source.channel);
}

juce::String MidiLearnOverlay::bindingLabelFor (const MidiTarget& target) const
{
    const auto& mapping = midi.getMapping();
    const int index = mapping.indexOf (target);
    return index < 0 ? juce::String() : shortLabel (mapping.bindings[(size_t) index].source);
}

void MidiLearnOverlay::mouseDown (const juce::MouseEvent& e)
{
    if (e.mods.isPopupMenu())
        removeBindingAt (e.getPosition());
    else
        selectTargetAt (e.getPosition());
}

void MidiLearnOverlay::paint (juce::Graphics& g)
{
    // Learn is a mode: a tint and an amber frame say the controls don't play now.
    g.fillAll (Palette::background.withAlpha (0.35f));
    g.setColour (Palette::warning.withAlpha (0.8f));
    g.drawRect (getLocalBounds(), 2);

    const auto target = midi.getLearnTarget();
    g.setFont (juce::Font (11.0f, juce::Font::bold));

    for (const auto& m : shown)
    {
        const auto area = m.bounds.toFloat().reduced (1.5f);
        const bool isTarget = target && *target == m.target;
        const auto label = bindingLabelFor (m.target);

        if (isTarget)
        {
            g.setColour (Palette::warning.withAlpha (0.22f));
            g.fillRoundedRectangle (area, 6.0f);
            g.setColour (Palette::warning);
            g.drawRoundedRectangle (area, 6.0f, 3.0f);
        }
        else
        {
            g.setColour ((label.isEmpty() ? Palette::textDim : Palette::accent).withAlpha (0.7f));
            g.drawRoundedRectangle (area, 6.0f, 1.2f);
        }

        if (label.isNotEmpty())
        {
            const int width = g.getCurrentFont().getStringWidth (label) + 10;
            const auto pill = juce::Rectangle<int> (width, 16)
                                  .withPosition (m.bounds.getRight() - width - 4, m.bounds.getY() + 4)
                                  .toFloat();
            g.setColour (Palette::accent);
            g.fillRoundedRectangle (pill, 4.0f);
            g.setColour (Palette::background);
            g.drawText (label, pill, juce::Justification::centred, false);
        }
    }

    paintHint (g,
               target ? target->describe() + ": move a control on your MIDI controller\u2026"
                      : juce::String ("MIDI learn: click a control, then move a pad, knob or fader on your "
                                      "controller. Right-click removes a binding. Esc or Learn ends."),
               target.has_value());
}

void MidiLearnOverlay::paintHint (juce::Graphics& g, const juce::String& text, bool waiting) const
{
    // Along the bottom edge, over the status strip: it never hides a control.
    const juce::Font font (14.0f, juce::Font::bold);
    const auto box = getLocalBounds()
                         .removeFromBottom (hintHeight)
                         .withSizeKeepingCentre (juce::jmin (getWidth() - 8, font.getStringWidth (text) + 28),
                                                 hintHeight - 4);
    g.setColour (Palette::panelRaised);
    g.fillRoundedRectangle (box.toFloat(), 6.0f);
    g.setColour (waiting ? Palette::warning : Palette::accent);
    g.drawRoundedRectangle (box.toFloat().reduced (0.5f), 6.0f, 1.5f);
    g.setColour (Palette::text);
    g.setFont (font);
    g.drawFittedText (text, box.reduced (12, 2), juce::Justification::centred, 1);
}

} // namespace paddeck
