import { COUNTY_NS } from '../../../runtime/process/county-moddle';

/** An empty flowchart with a start event, for an item whose handling kind has no template. */
export function blankDiagram(processName: string): string {
  const name = processName.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:county="${COUNTY_NS}" id="Definitions_1" targetNamespace="${COUNTY_NS}">
  <bpmn:process id="Process_1" name="${name}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="申请" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="152" y="182" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
