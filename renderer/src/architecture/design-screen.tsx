// The Design tab: pick a starting network, edit its layers with live shapes and figures, fix what cannot
// work, see what it costs, and save, export or import it.
import './architecture.css';
import { LayerListView } from './layer-list-view.tsx';
import { DraftToolbar } from './draft-toolbar.tsx';
import { LibraryPanel } from './library-panel.tsx';
import { NetworkTotals } from './network-totals.tsx';
import { useDesign } from './use-design.ts';
import { useDesignCommands } from './use-design-commands.ts';

export function DesignScreen({ project }: { readonly project: string }) {
  const design = useDesign(project);
  const commands = useDesignCommands(design);
  const { draft, analysis, overview } = design;
  if (!draft || !analysis || !overview) return <p className="status">Loading the design…</p>;
  return (
    <div className="design">
      <DraftToolbar design={design} commands={commands} />
      <div className="design-body">
        <LibraryPanel design={design} />
        <section className="design-main" aria-label="Layers of the network">
          <p className="hint formula-legend">
            Each sliding window's output size is (W − F + 2P)/S + 1: input size W, window F, padding P, stride S.
          </p>
          <LayerListView spec={draft.spec} analysis={analysis} classes={overview.classes.length} onChange={design.setSpec} />
        </section>
        <NetworkTotals design={design} />
      </div>
    </div>
  );
}
