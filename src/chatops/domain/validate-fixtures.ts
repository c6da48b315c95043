/** Manifests the validate tests share (chat answer, formatters, e2e). */

/** One error with a safe fix (`targetPort: htpp`, the pods name their port `http`). */
export const TYPO_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: htpp # <!channel> @here *bold* \`tick\` ]]>
`;

/** What a chat user could paste to turn a reply into markup, a link or a mention. */
export const HOSTILE = ['<!channel>', '@here', '*bold*', '`tick`', ']]>'] as const;

/** The typo manifest plus a ConfigMap whose name is all of HOSTILE (echoed by the name rule). */
export const HOSTILE_MANIFEST = `${TYPO_MANIFEST}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: "${HOSTILE.join(' ')}"
`;
