// @vitest-environment happy-dom
// The same component and checks as the jsdom test, under happy-dom.
import { describeSimulatedDom } from './testing/simulatedDomSuite.tsx';

describeSimulatedDom('happy-dom');
