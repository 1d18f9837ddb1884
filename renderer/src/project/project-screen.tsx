// An open project: a tab per section (Alt+1…Alt+9), and the chosen section below. Only the chosen section is
// mounted, so its keyboard shortcuts are the only ones listening.
import { useEffect, useState } from 'react';
import { PROJECT_SECTIONS } from './project-sections.tsx';

const sectionShortcuts = PROJECT_SECTIONS.map((s, i) => ({ title: `Go to ${s.title}`, chord: `Alt+${i + 1}` }));

export function ProjectScreen({ project, canPickFolders }: { readonly project: string; readonly canPickFolders: boolean }) {
  const [active, setActive] = useState(PROJECT_SECTIONS[0].id);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // event.code, not event.key: Alt+1 types "¡" on a Mac keyboard.
      const digit = /^Digit([1-9])$/.exec(event.code);
      if (!event.altKey || event.ctrlKey || event.metaKey || !digit) return;
      const section = PROJECT_SECTIONS[Number(digit[1]) - 1];
      if (!section) return;
      event.preventDefault();
      setActive(section.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const section = PROJECT_SECTIONS.find((s) => s.id === active) ?? PROJECT_SECTIONS[0];
  return (
    <div className="project-screen">
      {PROJECT_SECTIONS.length > 1 && (
        <nav className="section-tabs" role="tablist" aria-label="Project sections">
          {PROJECT_SECTIONS.map((s, i) => (
            <button
              key={s.id} type="button" role="tab" id={`tab-${s.id}`} aria-selected={s.id === section.id} aria-controls="section-panel"
              aria-keyshortcuts={`Alt+${i + 1}`} title={`${s.title} (Alt+${i + 1})`} onClick={() => setActive(s.id)}
            >
              {s.title}
            </button>
          ))}
        </nav>
      )}
      <div className="section-panel" id="section-panel" role="tabpanel" aria-labelledby={`tab-${section.id}`}>
        {section.render({ project, canPickFolders, goTo: setActive, sectionShortcuts })}
      </div>
    </div>
  );
}
