// The sections of an open project, in the order of the work: label the photos, design a network, train it,
// evaluate it, look inside it, classify folders with it, export it. The project screen shows them as tabs.
import type { ReactNode } from 'react';
import { DesignScreen } from '../architecture/design-screen.tsx';
import { TrainScreen } from '../training/train-screen.tsx';
import { ClassifySection } from '../classify/classify-section.tsx';
import { EvaluateSection } from '../evaluation/evaluate-section.tsx';
import { ExplainSection } from '../explain/explain-section.tsx';
import { ExportSection } from '../export/export-section.tsx';
import { WorkbenchScreen } from './workbench-screen.tsx';

export interface SectionProps {
  readonly project: string;
  /** The desktop app has a native folder picker; a browser page does not. */
  readonly canPickFolders: boolean;
  /** Moves to another section, e.g. from a confusion-matrix cell back to labeling. */
  readonly goTo: (sectionId: string) => void;
  /** The sections' own shortcuts (Alt+1…), for a section's help overlay. */
  readonly sectionShortcuts: readonly SectionShortcut[];
}

export interface SectionShortcut {
  readonly title: string;
  readonly chord: string;
}

export interface ProjectSection {
  readonly id: string;
  readonly title: string;
  readonly render: (props: SectionProps) => ReactNode;
}

export const PROJECT_SECTIONS: readonly ProjectSection[] = [
  {
    id: 'label', title: 'Label', render: ({ project, canPickFolders, sectionShortcuts }) => <WorkbenchScreen project={project} canPickFolders={canPickFolders} sectionShortcuts={sectionShortcuts} />,
  },
  { id: 'design', title: 'Design', render: ({ project }) => <DesignScreen project={project} /> },
  { id: 'train', title: 'Train', render: ({ project }) => <TrainScreen project={project} /> },
  { id: 'evaluate', title: 'Evaluate', render: (props) => <EvaluateSection {...props} /> },
  { id: 'explain', title: 'Explain', render: (props) => <ExplainSection {...props} /> },
  { id: 'classify', title: 'Classify', render: (props) => <ClassifySection {...props} /> },
  { id: 'export', title: 'Export', render: (props) => <ExportSection {...props} /> },
];
